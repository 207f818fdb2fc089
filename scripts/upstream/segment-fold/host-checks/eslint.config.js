// segmentio/action-destinations' ESLint rules (its root .eslintrc.js at 970a17ee8d, ESLint 7 with
// @typescript-eslint 5.62), written down as facts and applied with this repository's ESLint 9 and typescript-eslint 8
// to the exported folder by .ci/check-upstream.sh segment. The real thing runs in scripts/hosts/action-destinations.sh.
// Rules typescript-eslint 8 has that 5.62 did not (its ban-types split in three, which the host turns off) are off.
const tseslint = require('typescript-eslint')

module.exports = (tsconfigRootDir) =>
  tseslint.config(
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir } },
      rules: {
        // @typescript-eslint 5.62's recommended sets: warnings there, errors or absent in 8's
        '@typescript-eslint/no-explicit-any': 'warn',
        '@typescript-eslint/no-non-null-assertion': 'warn',
        '@typescript-eslint/no-empty-object-type': 'off',
        '@typescript-eslint/no-unsafe-function-type': 'off',
        '@typescript-eslint/no-wrapper-object-types': 'off',
        '@typescript-eslint/ban-ts-comment': [
          'error',
          {
            'ts-expect-error': 'allow-with-description',
            'ts-ignore': 'allow-with-description',
            'ts-nocheck': true,
            'ts-check': false
          }
        ],
        '@typescript-eslint/explicit-module-boundary-types': 'off',
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-call': 'warn',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
        'no-unused-vars': 'off',
        '@typescript-eslint/no-unused-vars': [
          'error',
          { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }
        ],
        '@typescript-eslint/require-await': 'off',
        '@typescript-eslint/restrict-plus-operands': 'off',
        '@typescript-eslint/restrict-template-expressions': 'off',
        '@typescript-eslint/unbound-method': 'off',
        '@typescript-eslint/no-unsafe-argument': 'warn',
        '@typescript-eslint/no-misused-promises': 'warn',
        '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
        // packages/destination-actions/**: hash personal data with lib/hashing-utils' processHashing
        'no-restricted-syntax': [
          'error',
          {
            selector: "ImportDeclaration[source.value='crypto'] ImportSpecifier[imported.name='createHash']",
            message: 'action-destinations: use lib/hashing-utils/processHashing, not createHash from crypto'
          }
        ]
      }
    },
    {
      files: ['**/*.test.ts', '**/__tests__/**/*.ts', '**/test/**/*.ts'],
      rules: {
        '@typescript-eslint/ban-ts-comment': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-explicit-any': 'off',
        '@typescript-eslint/no-empty-function': 'off'
      }
    }
  )
