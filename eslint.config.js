import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** React and its companions: never in the core nor in the server entry. */
const react = ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/*'];

/** An import of one of `folders` of `src/core` (by a relative path, from anywhere below `src`). */
const coreFolders = (folders) => `^(\\.\\.?/)+(core/)?(${folders.join('|')})(/|$)`;

/**
 * The layers of `src/core`, and who may import whom (issue 17):
 * - `model/` (what a callback means) imports only `model/` and `shared/`, and no browser global;
 * - `wire/` (the protocol between the two halves) imports only `model/`;
 * - `shared/` (crypto) imports nothing;
 * - `browser/` (the seams over the browser: storage, the relay, the server client, page
 *   visibility, and the attempt's funnel of events, which the callback page continues) imports
 *   `model/`, `wire/` and `shared/`;
 * - `flow/` and `page/` never import each other;
 * - `export/` (export status and its event-stream client) imports `model/`, `shared/` and
 *   `browser/` (page visibility), never `flow/` or `page/`;
 * - `src/server` never imports `browser/`, `flow/`, `page/` or `src/react`;
 * - `src/testing` (the mock providers) may use the core, never the server.
 * Each folder gets one `no-restricted-imports`, React included (a later block replaces the rule).
 */
function layerRules() {
  const layer = (files, forbidden, message) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: react, message: 'The core and the server never import React.' },
            ...(forbidden.length ? [{ regex: coreFolders(forbidden), message }] : []),
          ],
        },
      ],
    },
  });
  const browserOnly = ['window', 'document', 'location', 'history', 'navigator', 'fetch']
    .concat(['sessionStorage', 'localStorage', 'BroadcastChannel', 'setTimeout', 'setInterval'])
    .map((name) => ({ name, message: 'model/ is pure: pass what it needs as a parameter.' }));
  return [
    layer(
      ['src/core/model/**'],
      ['wire', 'browser', 'flow', 'page', 'export', 'react', 'server'],
      'model/ imports only model/ and shared/.',
    ),
    { files: ['src/core/model/**'], rules: { 'no-restricted-globals': ['error', ...browserOnly] } },
    layer(
      ['src/core/wire/**'],
      ['shared', 'browser', 'flow', 'page', 'export', 'react', 'server'],
      'wire/ imports only model/.',
    ),
    layer(
      ['src/core/shared/**'],
      ['model', 'wire', 'browser', 'flow', 'page', 'export', 'react', 'server'],
      'shared/ imports nothing.',
    ),
    layer(
      ['src/core/browser/**'],
      ['flow', 'page', 'export', 'react', 'server'],
      'browser/ imports model/, wire/ and shared/.',
    ),
    layer(
      ['src/core/flow/**'],
      ['page', 'export', 'react', 'server'],
      'flow/ never imports page/.',
    ),
    layer(
      ['src/core/page/**'],
      ['flow', 'export', 'react', 'server'],
      'page/ never imports flow/.',
    ),
    layer(
      ['src/core/export/**'],
      ['wire', 'flow', 'page', 'react', 'server'],
      'export/ imports model/, shared/ and browser/.',
    ),
    layer(
      ['src/core/*.ts'],
      ['react', 'server'],
      'The core entry never imports React or the server.',
    ),
    layer(
      ['src/server/**'],
      ['browser', 'flow', 'page', 'react'],
      'The server entry never imports browser/, flow/, page/ or react/.',
    ),
    layer(['src/testing/**'], ['server'], 'The testing entry never imports the server.'),
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'storybook-static',
      'coverage',
      'demo/dist',
      'examples/next',
      'examples/react-router/build',
      'examples/vite-express/dist',
      'test/react18/node_modules',
      '*.tgz',
      '!.storybook',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  { languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The package itself: typescript-eslint's type-checked rules, and exhaustive switches.
    files: ['src/**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // The sources' own program (tsconfig.src.json), not the whole repository's: the same
      // types for src, without parsing the tests' and the demo's dependencies.
      parserOptions: { project: './tsconfig.src.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  ...layerRules(),
);
