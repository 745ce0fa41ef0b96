module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // These suites share one PostgreSQL server and one NATS server: one file at a time.
  maxWorkers: 1,
  // A fresh worker per file: ES modules loaded by dynamic import() (secretlint, PGlite,
  // transformers.js) are bound to the first file's context and cannot be reused by the next.
  workerIdleMemoryLimit: '50MB',
  testTimeout: 60_000,
  coverageDirectory: '../../coverage/tests/e2e',
};
