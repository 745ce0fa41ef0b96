module.exports = {
  displayName: 'service-ingest',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // A fresh worker per file: secretlint, loaded by a real import(), stays bound to the first
  // file's context and cannot be used by the next (as in tests/integration).
  workerIdleMemoryLimit: '50MB',
  coverageDirectory: '../../../coverage/libs/services/ingest'
};
