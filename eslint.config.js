// Lint: the recommended TypeScript rules plus the few habits STYLE.md asks for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', 'frontend/dist/', '.local/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='forEach'] > :function[async=true]", message: 'forEach(async …) does not await its writes; use for…of or Promise.all.' },
      ],
    },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', '../db/*', '../http/*', 'node:http', '@middy/*'] }],
    },
  },
  {
    files: ['frontend/src/**/*.{ts,tsx}', 'frontend/admin/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The site runs in the browser.' },
            // Two exceptions, tables with no imports of their own: the carriers, so the console's ship dialog
            // checks a tracking number exactly as the API will; the coupon rules, shown where a coupon is made.
            {
              regex: '(^|/)(functions|infra)/|(^|/)shared/(?!domain/(carriers|couponRules)$)',
              message: 'The site talks to the API over HTTP; it does not import server code.',
            },
          ],
        },
      ],
    },
  },
);
