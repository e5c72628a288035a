// Every workspace's tests in one Jest run: `npx jest <file or folder>`, and the fuzz and screenshot
// scripts. `npm test` runs each workspace's own jest.config.js through turbo instead; both come from
// jest.preset.js.
module.exports = require('./jest.preset').everything();
