import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import { architecture } from './eslint/architecture.js';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        project: ['./tsconfig.check.json', './apps/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'Focused tests hide the rest of the suite.',
        },
      ],
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser },
    },
    rules: {
      // Prettier owns formatting.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, bench, configs) is linted without type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['apps/web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The architecture (README, Architecture): what each layer may import, where SQL runs, and where
  // a handler's parameter types come from.
  {
    files: ['libs/core/src/**/*.ts'],
    plugins: { architecture },
    rules: {
      'architecture/no-import': [
        'error',
        [
          {
            packages: ['@nestjs', 'typeorm', 'pg', 'express', '@electric-sql', 'vue', 'echarts'],
            message: 'libs/core decides with plain data: no framework, database or UI',
          },
          {
            folders: ['apps', 'libs/contracts', 'libs/charts'],
            message: 'libs/core depends on no other part',
          },
        ],
      ],
    },
  },
  {
    files: ['libs/contracts/src/**/*.ts'],
    plugins: { architecture },
    rules: {
      'architecture/no-import': [
        'error',
        [
          {
            packages: ['@nestjs', 'typeorm', 'pg', 'express', '@electric-sql', 'vue'],
            message: 'libs/contracts describes the API, shared by the server and the browser',
          },
          { folders: ['apps'], message: 'libs/contracts depends on no app' },
        ],
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.vue'],
    plugins: { architecture },
    rules: {
      'architecture/no-import': [
        'error',
        [
          {
            packages: ['@nestjs', 'typeorm', 'pg', 'express', '@electric-sql'],
            message: 'the web app talks to the API over HTTP only',
          },
          { folders: ['apps/api'], message: 'the web app talks to the API over HTTP only' },
        ],
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/**/*.spec.ts'],
    plugins: { architecture },
    rules: {
      'architecture/feature-boundaries': [
        'error',
        {
          allow: [
            {
              from: 'seed',
              to: ['assignments', 'catalog'],
              reason:
                'the seed loader writes a whole catalogue in one transaction, with the functions its owners write it with',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      'apps/api/src/**/*.repository.ts',
      'apps/api/src/**/*.spec.ts',
      'apps/api/src/database/**',
      'apps/api/src/migrations/**',
    ],
    plugins: { architecture },
    rules: { 'architecture/sql-in-repositories': 'error' },
  },
  {
    files: ['apps/api/src/**/*.controller.ts'],
    plugins: { architecture },
    rules: { 'architecture/contract-handler-params': 'error' },
  },
);
