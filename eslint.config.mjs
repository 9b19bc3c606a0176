import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.test-results/**', 'test-output/**', 'apps/console/web/src/api/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Workflow code must stay deterministic: no Node built-ins, clocks or randomness outside the SDK.
    files: ['workflows/src/**/*.ts', 'services/*/src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@vanthu/shared', message: 'Import @vanthu/shared/contracts: the main entry pulls in Node-only plumbing.' }],
          patterns: ['node:*', 'fs', 'crypto', 'mongoose', 'kafkajs', 'express'],
        },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the workflow SDK instead.' }],
    },
  },
  {
    // The console's web app: React's rules of hooks, and what the React Compiler checks.
    files: ['apps/console/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // Build scripts run by node as ES modules.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
