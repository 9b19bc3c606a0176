/**
 * Two projects, kept apart: unit tests need nothing running; integration and end-to-end tests
 * go through the real Temporal, Kafka and MongoDB that `npm test` starts (deploy/local).
 * Packages are imported through their built dist/, as they run in production.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] };
const roots = ['packages', 'services', 'workflows', 'apps', 'deploy'];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: roots.map((r) => `<rootDir>/${r}/**/test/unit/**/*.test.ts`),
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: [
        ...roots.map((r) => `<rootDir>/${r}/**/test/integration/**/*.test.ts`),
        '<rootDir>/test/e2e/**/*.test.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      slowTestThreshold: 30,
      setupFilesAfterEnv: ['<rootDir>/test/setup-integration.ts'],
    },
  ],
};
