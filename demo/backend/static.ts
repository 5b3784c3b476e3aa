import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves the built app; any other path gets `index.html` so the router can take it. */
export async function serveStatic(
  res: ServerResponse,
  dir: string,
  pathname: string,
): Promise<void> {
  let file = path.join(
    dir,
    path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, ''),
  );
  if (!file.startsWith(dir) || !(await stat(file).catch(() => null))?.isFile()) {
    file = path.join(dir, 'index.html');
  }
  const body = await readFile(file);
  const hashed = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(body);
}
