/**
 * rudder-transformer's lint rules, written down from its repository (c98d160cfa: `.eslintrc.json` and the versions its
 * package-lock.json pins), because CI here cannot fetch it. `.ci/check-upstream.sh rudderstack` installs those
 * versions (LINT_TOOLS) and lints the exported source with this configuration, as rudder-transformer's CI would.
 */

/** The packages and versions rudder-transformer's lockfile pins for its ESLint run. */
export const LINT_TOOLS: Readonly<Record<string, string>> = {
  eslint: '8.57.1',
  '@typescript-eslint/eslint-plugin': '7.18.0',
  '@typescript-eslint/parser': '7.18.0',
  'eslint-config-airbnb-base': '15.0.0',
  'eslint-config-airbnb-typescript': '18.0.0',
  'eslint-config-prettier': '8.10.0',
  'eslint-plugin-import': '2.31.0',
  'eslint-plugin-json': '3.1.0',
  'eslint-plugin-sonarjs': '0.19.0',
  'eslint-plugin-unicorn': '46.0.1'
}

const ERROR = 'error'

/** Its presets, in its order: airbnb for JavaScript and TypeScript, sonarjs, typescript-eslint, then prettier. */
const PRESETS = [
  'airbnb-base',
  'airbnb-typescript/base',
  'plugin:sonarjs/recommended',
  'plugin:json/recommended',
  'plugin:@typescript-eslint/recommended',
  'prettier',
  'plugin:import/errors',
  'plugin:import/warnings'
]

/** The rules it turns on (or off) over those presets. */
const RULES: Record<string, unknown> = {
  'unicorn/filename-case': 'off',
  'import/no-import-module-exports': 'off',
  'unicorn/no-instanceof-array': ERROR,
  'unicorn/no-static-only-class': ERROR,
  'unicorn/consistent-destructuring': ERROR,
  'unicorn/better-regex': ERROR,
  'unicorn/no-for-loop': ERROR,
  'unicorn/prefer-array-some': ERROR,
  'unicorn/explicit-length-check': ERROR,
  'unicorn/prefer-array-find': ERROR,
  'unicorn/no-lonely-if': ERROR,
  'unicorn/prefer-includes': ERROR,
  'unicorn/prefer-array-flat-map': ERROR,
  'unicorn/no-useless-spread': ERROR,
  'unicorn/no-useless-length-check': ERROR,
  'unicorn/prefer-export-from': ERROR,
  'import/no-dynamic-require': ERROR,
  'no-param-reassign': ERROR,
  'sonarjs/prefer-immediate-return': 'off',
  'sonarjs/no-nested-template-literals': 'off',
  'sonarjs/max-switch-cases': ERROR,
  'sonarjs/no-small-switch': ERROR,
  'sonarjs/cognitive-complexity': [ERROR, 60],
  '@typescript-eslint/no-var-requires': 'off',
  'global-require': ERROR,
  '@typescript-eslint/naming-convention': ERROR,
  '@typescript-eslint/ban-types': ERROR,
  '@typescript-eslint/no-explicit-any': 'off',
  'class-methods-use-this': 'off',
  '@typescript-eslint/return-await': ERROR,
  'import/prefer-default-export': 'off',
  'sonarjs/no-ignored-return': ERROR,
  'no-new': ERROR,
  '@typescript-eslint/no-shadow': ERROR,
  '@typescript-eslint/no-loop-func': ERROR,
  'sonarjs/no-same-line-conditional': ERROR,
  // for…of is allowed there; for…in is not
  'no-restricted-syntax': [ERROR, 'ForInStatement'],
  'sonarjs/no-duplicate-string': ERROR,
  'sonarjs/no-identical-functions': ERROR,
  'no-prototype-builtins': 'off',
  '@typescript-eslint/dot-notation': ERROR,
  '@typescript-eslint/no-unused-vars': ERROR,
  'import/named': ERROR,
  'import/no-unresolved': ERROR
}

/** The ESLint 8 configuration (`.eslintrc.json`) of the check project, type-aware through its tsconfig.json. */
export const HOST_ESLINTRC = {
  root: true,
  env: { node: true, es2021: true, jest: true, commonjs: true },
  extends: PRESETS,
  plugins: ['@typescript-eslint', 'unicorn', 'import'],
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 12, sourceType: 'module', project: './tsconfig.json' },
  rules: RULES
}

/** What its `.eslintignore` leaves out of the folder's files: the tests. */
export const HOST_ESLINTIGNORE = ['test/', '*.test.js', '*.test.ts']
