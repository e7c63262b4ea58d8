/** Unit tests sit beside the code (*.spec.ts); integration and end-to-end tests under tests/ (*.test.ts). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }];
const moduleNameMapper = { '^@excon/(.*)$': '<rootDir>/libs/$1/src' };

module.exports = {
  // Global only: Jest ignores testTimeout inside a project. Suites boot whole platforms and processes.
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      roots: ['<rootDir>/apps', '<rootDir>/libs'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/tests/browser/'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
      slowTestThreshold: 30,
    },
    {
      // The browser consoles in Debian's Chromium (playwright-core), against a platform serving apps/console/dist.
      displayName: 'browser',
      rootDir: __dirname,
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/browser'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
      slowTestThreshold: 60,
    },
  ],
};
