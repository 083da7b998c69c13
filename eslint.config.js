// ESLint (flat config): typescript-eslint's type-checked rules over the app, tools and tests; Prettier owns formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      // The portal's build output, its generated client (written by `npm run portal:contract`, which lint runs first)
      // and the browser suite's artifacts.
      'portal/dist/**',
      'portal/dist.*/**',
      'portal/src/api/generated/**',
      'test-results/**',
      'node_modules/**',
      'coverage/**',
      '.local-data/**',
      'eslint.config.js',
      'jest.config.js',
      'jest.fast.config.js',
      // Compiled (strict tsc) against a client generated at test time, by test/platform/http/typed-client.test.ts.
      'test/platform/http/typed-client/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Tools and tests talk to people on the console and read loosely-typed JSON from HTTP responses.
    files: [
      'build/**/*.ts',
      'scripts/**/*.ts',
      'test/**/*.ts',
      'portal/tools/**/*.ts',
      'portal/tools/**/*.mjs',
      'portal/e2e/**/*.ts',
    ],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript modules: TypeScript (checkJs, in their folder's tsconfig) knows Node's globals, ESLint's core rule does not.
    files: ['**/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
  prettier,
);
