import { readdir, readFile, writeFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

/**
 * One output file per source module, so the `'use client'` directives stay on the modules
 * that have them (TanStack Query ships the same way) and a bundler takes only the modules an
 * app imports: a route that uses `useConnect` never downloads the callback screens.
 */
function keepModules(extension: '.js' | '.cjs'): NonNullable<Options['esbuildPlugins']>[number] {
  return {
    name: 'keep-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        return { path: args.path + extension, external: true };
      });
    },
  };
}

/** The public entries, whose types are bundled into one declaration file each. */
const publicEntries = {
  index: 'src/index.ts',
  'core/index': 'src/core/index.ts',
  'server/index': 'src/server/index.ts',
  'testing/index': 'src/testing/index.ts',
};

async function writeStylesheet() {
  const files = (await readdir('src/react/styles')).filter((file) => file.endsWith('.css')).sort();
  const parts = await Promise.all(
    files.map((file) => readFile(`src/react/styles/${file}`, 'utf8')),
  );
  await writeFile('dist/styles.css', parts.join('\n'));
}

/**
 * esbuild's CommonJS output starts with `"use strict"`; React's bundler integrations read the
 * first statement, so `"use client"` goes first (same line count: source maps still fit).
 */
async function putUseClientFirst() {
  const files = await readdir('dist', { recursive: true });
  for (const file of files.filter((name) => name.endsWith('.cjs'))) {
    const path = `dist/${file}`;
    const text = await readFile(path, 'utf8');
    if (text.startsWith('"use strict";\n"use client";\n')) {
      await writeFile(path, `"use client";\n"use strict";\n${text.slice(27)}`);
    }
  }
}

/**
 * tsup 8 (the newest that runs on Node 20.19: tsup 9 needs 22.18) passes `baseUrl` to its
 * declaration build, which TypeScript 6 reports as deprecated (TS5101) and then refuses.
 */
const declarations = { entry: publicEntries, compilerOptions: { ignoreDeprecations: '6.0' } };

const shared: Options = {
  entry: ['src/**/*.ts', 'src/**/*.tsx'],
  bundle: true,
  sourcemap: true,
  target: 'es2022',
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'],
};

export default defineConfig([
  {
    ...shared,
    format: 'esm',
    clean: true,
    dts: declarations,
    esbuildPlugins: [keepModules('.js')],
  },
  {
    ...shared,
    format: 'cjs',
    dts: declarations,
    esbuildPlugins: [keepModules('.cjs')],
    async onSuccess() {
      await Promise.all([writeStylesheet(), putUseClientFirst()]);
    },
  },
]);
