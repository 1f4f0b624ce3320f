import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer never reaches into the main process: it talks only through the contract.
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-main/**', 'pouchdb*', 'electron', 'node:*'], message: 'The renderer talks to the main process only through the contract in shared/.' }] }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src-renderer/**', 'react', 'react-dom', 'zustand', 'dexie'], message: 'The main process does not know the UI.' },
            // The CouchDB stand-in (scripts/couchStandin/) runs on dev dependencies, for `npm run headoffice` and the tests only.
            { group: ['**/scripts/**', 'express-pouchdb', 'express'], message: 'The product does not ship the development tools.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-main/**', '**/src-renderer/**', 'pouchdb*', 'electron', 'react', 'node:*'], message: 'shared/ holds pure code that both sides import.' }] }],
    },
  },
);
