module.exports = require('./jest-home').teardown
