/**
 * Two projects: `unit` (specs beside the code, no server needed) and `e2e` (supertest against a
 * real app on a fresh database per test file: embedded SQLite by default, MySQL/MariaDB when
 * DATABASE_URL=mysql://… is set). `@estate/<lib>` resolves to `libs/<lib>/src` as in tsconfig.
 */
const shared = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: { '^@estate/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
  rootDir: __dirname,
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
