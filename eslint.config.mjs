// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['apps/web/src/api/schema.ts', 'dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'eslint.config.mjs', 'jest.config.js', 'scripts/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { project: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='require'][callee.property.name='resolve']",
          message: 'webpack rewrites require.resolve into a module id in the built app: use createRequire (see chineseFontPath in libs/shared).',
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts', 'apps/api/**/*.ts'],
    ignores: ['libs/shared/src/validation/validators.ts', 'libs/shared/src/config/environment.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional', 'ValidateIf'],
              message:
                'IsOptional lets null through: use Optional() (may be left out) or Nullable() (may be null, declared nullable in @ApiProperty) from @estate/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/cli/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
