/** Unit tests sit beside the code (*.spec.ts); integration and end-to-end tests under tests/ (*.test.ts). */
/**
 * The Nest Swagger CLI plugin runs in ts-jest as in `nest build`, with the options of nest-cli.json (read here, so a
 * change there also changes ts-jest's cache key): the OpenAPI document of a platform started from the sources is
 * the built one's.
 */
const swaggerPlugin = require('./nest-cli.json').compilerOptions.plugins.find((plugin) => plugin.name === '@nestjs/swagger');
const tsJest = [
  'ts-jest',
  {
    tsconfig: 'tsconfig.json',
    diagnostics: { ignoreCodes: [151002] },
    astTransformers: { before: [{ path: '<rootDir>/tests/support/swagger-plugin-transformer.js', options: swaggerPlugin.options }] },
  },
];
const moduleNameMapper = { '^@excon/(.*)$': '<rootDir>/libs/$1/src' };

module.exports = {
  // Global only: Jest ignores testTimeout inside a project. Suites boot whole platforms and processes.
  testTimeout: 120000,
  // One worker on two cores runs in band by default, and the one process then grows past 4 GB over the suites
  // (platforms, Chromium clients, ts-jest): its garbage-collection pauses made timing tests late and pools time out.
  // With a limit Jest runs the suites in a worker process and replaces it between files once it holds more.
  workerIdleMemoryLimit: '1.5GB',
  // Two workers on two cores: the suites mostly wait on real exercise clocks, and with one worker a core sat idle and
  // CI took 34 min. A first try (f46c88e) let the login-throttling test see its 1-second backoff run out while a
  // loaded machine was still answering the burst; that test now judges the answer by the wait the server named.
  maxWorkers: 2,
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
