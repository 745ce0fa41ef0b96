// The plugin's one bundle: every hook and command in dist/commontrace.cjs, with the repo's pure
// libs and their dependencies inside, so an installed plugin runs it with plain `node` and no
// node_modules. The bundle is committed (a marketplace install copies the folder as it is) and
// `nx run claude-plugin:check-bundle` (in `npm test`) fails when it is out of date. No source maps, no absolute
// paths, no hashes: the same sources always give the same bytes.
const { join } = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

const root = join(__dirname, '../..');
// The workspace libs by their tsconfig path names (`@commontrace/domain-search` → its index.ts).
const alias = Object.fromEntries(Object.entries(compilerOptions.paths).map(([name, [target]]) => [`${name}$`, join(root, target)]));

module.exports = {
  mode: 'production',
  target: 'node20',
  context: root,
  entry: join(__dirname, 'src/main.ts'),
  output: { path: join(__dirname, 'dist'), filename: 'commontrace.cjs', library: { type: 'commonjs2' }, clean: true, pathinfo: false },
  devtool: false,
  optimization: { minimize: false, moduleIds: 'deterministic', chunkIds: 'deterministic', concatenateModules: true },
  performance: { hints: false },
  resolve: {
    extensions: ['.ts', '.js'],
    alias,
    // Paths as the checkout sees them (node_modules may be a symlink): the same bytes everywhere.
    symlinks: false,
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        options: { transpileOnly: true, configFile: join(__dirname, 'tsconfig.app.json') },
      },
    ],
  },
};
