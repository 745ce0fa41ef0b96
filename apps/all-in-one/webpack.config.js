module.exports = require('../../tools/webpack/app-config')(__dirname, 'all-in-one', { workers: ['scan.worker'] });
