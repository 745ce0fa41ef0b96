module.exports = {
  displayName: 'ingest',
  preset: '../../jest.preset.js',
  // main.ts only chooses which modules run; the logic and its specs live in libs.
  passWithNoTests: true,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/ingest'
};
