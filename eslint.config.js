import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { noImportCycles } from './scripts/lint/importCycles.js';

/** What the main process may not import. */
const mainPatterns = [
  { group: ['**/src-renderer/**', 'react', 'react-dom', 'zustand', 'dexie'], message: 'The main process does not know the UI.' },
  // The CouchDB stand-in (scripts/couchStandin/) runs on dev dependencies, for `npm run headoffice` and the tests only.
  { group: ['**/scripts/**', 'express-pouchdb', 'express'], message: 'The product does not ship the development tools.' },
];
/** A domain's handlers are joined only by src-main/api/handlers.ts. */
const otherHandlers = { group: ['../*/handlers'], message: "A domain does not import another domain's handlers: share what both need from its repo or a module of its own." };

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
    // No module imports (by value, through any chain) a module that imports it back.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { local: { rules: { 'no-import-cycles': noImportCycles } } },
    rules: { 'local/no-import-cycles': 'error' },
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
    rules: { 'no-restricted-imports': ['error', { patterns: [...mainPatterns, otherHandlers] }] },
  },
  {
    // Only the contract's handler table joins the domains' handlers.
    files: ['src-main/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: mainPatterns }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-main/**', '**/src-renderer/**', 'pouchdb*', 'electron', 'react', 'node:*'], message: 'shared/ holds pure code that both sides import.' }] }],
    },
  },
);
