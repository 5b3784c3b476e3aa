/*
 * Imported first by the harness pages (app, gesture, callback) that tests load in a frame or a
 * popup. Vitest's dev server transforms every module it serves, and its transform sends each
 * `import()` through the test runner (`__vitest_browser_runner__.wrapDynamicImport`), which only
 * its own test pages define. Here an import is just an import, as vitest does for workers.
 */
const runner = globalThis as { __vitest_browser_runner__?: unknown };
runner.__vitest_browser_runner__ ??= { wrapDynamicImport: (load: () => unknown) => load() };
