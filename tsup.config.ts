import { readdir, readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', core: 'src/core/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // One shared chunk for core code used by both entries, so the React entry re-uses it.
  splitting: true,
  external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'],
  async onSuccess() {
    await writeFile(
      'dist/styles.css',
      (
        await Promise.all(
          (await readdir('src/react/styles'))
            .filter((f) => f.endsWith('.css'))
            .sort()
            .map((f) => readFile(`src/react/styles/${f}`, 'utf8')),
        )
      ).join('\n'),
    );
  },
});
