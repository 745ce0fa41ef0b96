module.exports = require('../../tools/webpack/app-config')(__dirname, 'reputation', { workers: ['scan.worker'] });
