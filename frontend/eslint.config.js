// ESLint for the frontend sources: `npm run lint`, run by `make lint`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  // src/wailsjs is generated from the Go services (`make bindings`).
  globalIgnores(['src/wailsjs/', 'dist/']),
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // Says the React Compiler skips components using TanStack Table; the
      // app does not use the compiler, so there is nothing to act on.
      'react-hooks/incompatible-library': 'off',
      // As tsc's noUnusedParameters: `_name` marks a parameter kept for its
      // position or type, and `const { a: _, ...rest }` leaves a key out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
]);
