import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

// A factory: one object shared by two projects breaks `vitest run`: "Cannot define a nested project
// for a chromium browser".
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
});

const react18 = (name: string) => path.join(root, 'test/react18/node_modules', name);

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'core',
      include: ['test/core/**/*.test.ts'],
      environment: 'node',
      // Pure Node tests: a worker keeps its module cache from file to file (half the time of
      // re-importing per file). Tests that need a fresh module say so (vi.resetModules).
      isolate: false,
      // Proves the framework-free claim: any React import from the core fails these tests.
      setupFiles: ['test/core/no-react.ts'],
    },
  },
  {
    extends: true,
    // The docs' examples import the package by name, as an app does: its sources here.
    resolve: {
      alias: {
        'react-connect-flow/server': path.join(root, 'src/server/index.ts'),
        'react-connect-flow/testing': path.join(root, 'src/testing/index.ts'),
      },
    },
    test: {
      name: 'server',
      // The server entry, and the testing kit (`react-connect-flow/testing`) it is tested with.
      include: ['test/server/**/*.test.ts', 'test/testing/**/*.test.ts', 'test/docs/**/*.test.ts'],
      environment: 'node',
      isolate: false, // as core
      // The server entry is web standards only: React must not be reachable from it either.
      setupFiles: ['test/core/no-react.ts'],
    },
  },
  {
    extends: true,
    test: {
      name: 'unit',
      include: ['test/react/**/*.test.{ts,tsx}'],
      environment: 'jsdom',
      globals: true,
    },
  },
  {
    extends: true,
    resolve: {
      alias: [
        { find: /^react$/, replacement: react18('react') },
        { find: /^react\/(.*)$/, replacement: `${react18('react')}/$1` },
        { find: /^react-dom$/, replacement: react18('react-dom') },
        { find: /^react-dom\/(.*)$/, replacement: `${react18('react-dom')}/$1` },
        // Its `main` is CommonJS, whose `require('react-dom/client')` skips the aliases above.
        {
          find: /^@testing-library\/react$/,
          replacement: path.join(
            root,
            'node_modules/@testing-library/react/dist/@testing-library/react.esm.js',
          ),
        },
      ],
    },
    test: {
      name: 'react18',
      include: ['test/react/**/*.test.{ts,tsx}'],
      exclude: ['test/react/**/*.react19.test.{ts,tsx}'],
      environment: 'jsdom',
      globals: true,
      // Inline the libraries that import React so they get the aliased React 18 too.
      server: { deps: { inline: ['@testing-library/react', '@tanstack/react-query'] } },
    },
  },
  {
    extends: true,
    test: {
      name: 'browser',
      include: ['test/browser/**/*.test.{ts,tsx}'],
      globalSetup: ['test/browser/mock-provider-server.ts'],
      browser: browser(),
    },
  },
];

if (existsSync(path.join(root, '.storybook/main.ts'))) {
  const { storybookTest } = await import('@storybook/addon-vitest/vitest-plugin');
  projects.push({
    extends: true,
    plugins: [storybookTest({ configDir: path.join(root, '.storybook') })],
    test: { name: 'storybook', browser: browser() },
  });
}

export default defineConfig({
  plugins: [react()],
  test: { projects },
});
