module.exports = require('../../tools/webpack/app-config')(__dirname, 'ingest', { workers: ['scan.worker'] });
