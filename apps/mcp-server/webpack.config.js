const { BannerPlugin } = require('webpack');
const config = require('../../tools/webpack/app-config')(__dirname, 'mcp-server');

// main.js is also the `commontrace-mcp` bin (see package.json here): it starts with a shebang.
config.plugins.push(new BannerPlugin({ banner: '#!/usr/bin/env node', raw: true, entryOnly: true }));
module.exports = config;
