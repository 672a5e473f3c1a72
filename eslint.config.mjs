// ESLint: TypeScript rules plus the project's import boundaries (DESIGN.md "Layout"):
// - src/ never imports sandbox/ (the deployed app contains no sandbox code);
// - src/domain is pure: no @forge, no storage, no Jira;
// - only src/storage touches @forge/kvs; only src/jira calls Jira REST (@forge/api);
// - static/ imports only src/shared (plus npm packages), never the rest of src/ or the sandbox.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noSandbox = { group: ['**/sandbox/**', '../sandbox', '../../sandbox'], message: 'The app must not depend on the sandbox.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/*/build/**', '.sandbox/**', 'coverage/**', 'tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', Response: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSandbox] }] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/storage/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSandbox, { group: ['@forge/kvs'], message: 'Only src/storage touches @forge/kvs.' }] }] },
  },
  {
    files: ['src/resolvers/**/*.ts', 'src/triggers/**/*.ts', 'src/shared/**/*.ts', 'src/storage/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSandbox, { group: ['@forge/api'], message: 'Only src/jira calls Jira REST through @forge/api.' }] }] },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSandbox, { group: ['@forge/api', '**/jira/**', '../jira/*'], message: 'Storage does not call Jira.' }] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSandbox, { group: ['@forge/*', '../storage/*', '../jira/*', '../resolvers/*', '../triggers/*', '../domain/*'], message: 'src/shared is the contract with static/: zod schemas and types only.' }] }] },
  },
  {
    files: ['src/domain/**/*.ts'], // last of the src/ blocks: for one rule, the last matching block wins
    rules: {
      'no-restricted-imports': ['error', { patterns: [noSandbox, { group: ['@forge/*', '**/storage/**', '**/jira/**', '../storage/*', '../jira/*', 'node:*'], message: 'src/domain holds pure rules: no I/O.' }] }],
    },
  },
  {
    files: ['static/**/*.ts', 'static/**/*.tsx'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', HTMLElement: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noSandbox,
            { regex: '^(\\.\\./)+src/(?!shared/)', message: 'static/ imports only src/shared.' },
            { group: ['@forge/api', '@forge/kvs', '@forge/resolver', '@forge/events'], message: 'Backend SDKs do not run in the browser.' },
          ],
        },
      ],
    },
  },
);
