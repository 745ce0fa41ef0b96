module.exports = {
  displayName: 'domain-scanning',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // A fresh worker per file: secretlint, loaded by a real import(), stays bound to the first file's context.
  workerIdleMemoryLimit: '50MB',
  coverageDirectory: '../../../coverage/libs/domain/scanning'
};
