// The Playwright example of docs/testing.md, run as printed (check:docs holds the files to the
// docs' blocks), for scripts/test-hosts.mjs: the Vite app of docs/vite-express.md
// (examples/vite-express: its printed main.tsx and vite.config.ts) built against dist, then
// `playwright test` of its printed e2e/connect.spec.ts, which starts the mock providers and the
// app's server, clicks through a Gigs popup flow in Debian's Chromium and fails on a console
// error (its playwright.config.ts). Firefox and WebKit are test/e2e's: Playwright drives
// neither of Debian's builds.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** Builds the app and runs its Playwright test; throws with Playwright's report on a failure. */
export async function runPlaywrightExample(root) {
  const app = path.join(root, 'examples/vite-express');
  // The package as an app installs it (linked, as examples/react-router has it).
  const link = path.join(app, 'node_modules/react-connect-flow');
  if (!existsSync(link)) {
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), root), link, 'dir');
  }
  const { build } = await import('vite');
  await build({ root: app, configFile: path.join(app, 'vite.config.ts'), logLevel: 'warn' });
  const cli = path.join(root, 'node_modules/@playwright/test/cli.js');
  try {
    await promisify(execFile)(process.execPath, [cli, 'test', '--reporter=line'], {
      cwd: app,
      env: { ...process.env, CI: '1' },
    });
  } catch (error) {
    throw new Error(`the Playwright example failed:\n${error.stdout}${error.stderr}`, {
      cause: error,
    });
  }
}
