#!/usr/bin/env node
// The server entry's bundle (built dist, bundled as an app's server would) holds no browser
// code: no module of the core's browser/, flow/ or page/ layers nor of src/react, and none of
// the relay's, the popup's or the DOM's names.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, process.argv[2] ?? 'dist/server/index.js');

const result = await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  metafile: true,
  logLevel: 'silent',
});
const code = result.outputFiles[0].text;
const modules = Object.keys(result.metafile.inputs);

const browserModules = modules.filter((file) =>
  /(^|\/)(core\/(browser|flow|page)|react)\//.test(file),
);
/** Names only the relay, the popup or the DOM use. */
const browserNames = [
  'BroadcastChannel',
  'AES-GCM',
  'rcf:callback',
  'window.open',
  'sessionStorage',
  'document.',
  'history.',
  'pageshow',
  'listenForRelay',
];
const found = browserNames.filter((name) => code.includes(name));

if (browserModules.length || found.length) {
  if (browserModules.length) console.error(`Browser modules:\n  ${browserModules.join('\n  ')}`);
  if (found.length) console.error(`Browser names: ${found.join(', ')}`);
  console.error(`The server entry's bundle (${path.relative(root, entry)}) holds browser code.`);
  process.exit(1);
}
console.log(`The server entry's bundle: ${modules.length} modules, no relay, popup or DOM code.`);
