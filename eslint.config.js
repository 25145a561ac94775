import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only main/shell/ (and preload/) may import electron: services stay plain Node.',
};
const noDatabase = [
  { name: 'better-sqlite3', message: 'pipelines/ is pure computation: no database.' },
  { name: 'electron', message: 'pipelines/ is pure computation: no Electron.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'build/**', 'node_modules/**', 'coverage/**', '**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      // Binary formats (EDF annotations, MAT headers) are matched on control bytes on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/shell/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }] },
  },
  {
    files: ['pipelines/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noDatabase,
          patterns: [{ group: ['**/main/**', '**/main'], message: 'pipelines/ must not depend on main/: it runs in workers with no database.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to the core only through the API client.' },
            { name: 'better-sqlite3', message: 'The renderer talks to the core only through the API client.' },
          ],
          patterns: [
            {
              group: ['**/main/**', '!**/main/contract', '!**/main/contract/**'],
              message: 'The renderer may import only the API contract from main/.',
            },
            {
              group: ['**/main/contract', '**/main/contract/**'],
              allowTypeImports: true,
              message: 'The renderer may import only the contract\'s types (use "import type"); calls go through renderer/api/client.',
            },
            // `./pipelines/…` is the Pipelines page's own folder (renderer/pages/pipelines/), not the top-level pipelines/.
            { group: ['**/pipelines/**', '!./pipelines/**', 'node:*'], message: 'The renderer runs in a browser sandbox: no pipelines/ or Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
