/** Unit tests sit beside the code (*.spec.ts); integration and end-to-end tests under tests/ (*.test.ts). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }];
const moduleNameMapper = { '^@excon/worker$': '<rootDir>/apps/worker/src', '^@excon/(.*)$': '<rootDir>/libs/$1/src' };

module.exports = {
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
      testTimeout: 60000,
      slowTestThreshold: 30,
    },
  ],
};
