module.exports = require('../../tools/webpack/app-config')(__dirname, 'search', { workers: ['scan.worker'] });
