// ESLint flat config: typescript-eslint's type-checked rules, as segmentio/action-destinations runs them, with
// no-floating-promises on. Formatting is Prettier's job, so no stylistic rules here.
const tseslint = require('typescript-eslint')

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-bench/',
      'coverage/',
      '.peers/',
      '**/*.js',
      '**/*.cjs',
      // Type-checked and linted against segmentio/action-destinations' own packages by .ci/check-upstream.sh segment
      'scripts/upstream/segment-fold/host-only/',
      'scripts/upstream/segment-fold/host-checks/'
    ]
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // ignoreRestSiblings: `const { omitted, ...rest } = value` is how a key is left out (tsc's noUnusedLocals agrees).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/require-await': 'off'
    }
  },
  {
    files: ['**/__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-require-imports': 'off'
    }
  }
)
