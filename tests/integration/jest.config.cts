module.exports = {
  displayName: 'integration',
  preset: '../../jest.preset.js',
  testEnvironment: '<rootDir>/jest.environment.cjs',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // These suites share one PostgreSQL server and one NATS server: one file at a time.
  maxWorkers: 1,
  testTimeout: 60_000,
  coverageDirectory: '../../coverage/tests/integration',
};
