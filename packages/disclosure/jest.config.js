// This workspace's tests (its `npm test`); how every workspace's tests run is jest.preset.js.
module.exports = require('../../jest.preset').workspace('disclosure');
