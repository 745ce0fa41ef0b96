const nxPreset = require('@nx/jest/preset').default;

// A project without specs fails its test target. Only projects with no logic of their own
// (the apps' main.ts files, which only choose modules) set passWithNoTests in their config.
module.exports = { ...nxPreset };
