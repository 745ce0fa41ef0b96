// The one webpack configuration of every app: Node target, tsc, the libs bundled through the
// tsconfig paths, node_modules left external, and a generated package.json for the image.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

// Worker-thread entries, each bundled beside main.js as `<name>.js` for the apps that run them
// (the code that starts a worker loads it from its own directory). They export their handler as
// CommonJS, which is how a worker pool loads them.
const WORKERS = {
  // The secret scan and PII redaction pool (libs/content-guard, scan-pool.ts) of every app that screens text.
  'scan.worker': 'libs/content-guard/src/lib/scan.worker.ts',
};

module.exports = function appConfig(appDir, name, { workers = [] } = {}) {
  return {
    entry: Object.fromEntries(
      workers.map((entry) => [entry, { import: join(__dirname, '../..', WORKERS[entry]), library: { type: 'commonjs2' } }]),
    ),
    output: {
      path: join(__dirname, '../../dist/apps', name),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: join(appDir, 'src/main.ts'),
        tsConfig: join(appDir, 'tsconfig.app.json'),
        assets: [],
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
};
