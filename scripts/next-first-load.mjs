#!/usr/bin/env node
// First Load JS of a Next.js route, measured from the running server: Next 16 no longer prints
// it, so this adds up what a first visit downloads. It fetches the route's HTML (no cookies,
// like a first visit), reads every `<script src>` in it (each once; `nomodule` polyfills left
// out, as Next's own figure did, since modern browsers skip them), fetches each script and sums
// their gzip sizes (level 9, like the `gzip-size` Next used). Inline scripts (the RSC payload)
// are page data, not code, and are not counted.
//   node scripts/next-first-load.mjs <origin> <path> [<path>...]   → JSON on stdout
// (`routeBytes`: what the route loads beyond the app's 404 page, i.e. Next, React, the layout)
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const attribute = (tag, name) =>
  new RegExp(`\\s${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+)))?`, 'i').exec(tag);

/** The `src` of every script the HTML loads, in order, without duplicates or `nomodule` ones. */
export function scriptSources(html, pageUrl) {
  const sources = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (!src || attribute(tag, 'nomodule')) continue;
    const value = (src[1] ?? src[2] ?? src[3] ?? '').replaceAll('&amp;', '&');
    const url = new URL(value, pageUrl).href;
    if (!sources.includes(url)) sources.push(url);
  }
  return sources;
}

/** One route of a running server: `{ path, bytes (gzip), kB (1000 B), scripts: [{ src, bytes }] }`. */
export async function firstLoad(origin, path, { status = 200 } = {}) {
  const pageUrl = new URL(path, origin).href;
  const response = await fetch(pageUrl, { redirect: 'manual' });
  if (response.status !== status) throw new Error(`GET ${path} answered ${response.status}`);
  const html = await response.text();
  const scripts = [];
  for (const src of scriptSources(html, pageUrl)) {
    const script = await fetch(src);
    if (!script.ok) throw new Error(`GET ${src} answered ${script.status}`);
    const body = Buffer.from(await script.arrayBuffer());
    scripts.push({ src: new URL(src).pathname, bytes: gzipSync(body, { level: 9 }).length });
  }
  if (!scripts.length) throw new Error(`${path} loads no script: not a Next.js page?`);
  const bytes = scripts.reduce((sum, script) => sum + script.bytes, 0);
  return { path, bytes, kB: Math.round(bytes / 10) / 100, scripts };
}

/**
 * The routes' figures, each with `routeBytes`: its scripts that the app's 404 page (Next,
 * React and the layout, nothing of the route) does not load.
 */
export async function firstLoads(origin, routes) {
  const baseline = await firstLoad(origin, '/rcf-first-load-baseline-404', { status: 404 });
  const framework = new Set(baseline.scripts.map((script) => script.src));
  const figures = { baseline: { path: '(404 page)', bytes: baseline.bytes, kB: baseline.kB } };
  for (const [name, path] of Object.entries(routes)) {
    const figure = await firstLoad(origin, path);
    const own = figure.scripts.filter((script) => !framework.has(script.src));
    figure.routeBytes = own.reduce((sum, script) => sum + script.bytes, 0);
    figures[name] = figure;
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [origin, ...paths] = process.argv.slice(2);
  if (!origin || !paths.length) {
    console.error('usage: node scripts/next-first-load.mjs <origin> <path> [<path>...]');
    process.exit(2);
  }
  console.log(
    JSON.stringify(await firstLoads(origin, Object.fromEntries(paths.map((p) => [p, p]))), null, 2),
  );
}
