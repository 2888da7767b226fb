// Jest runs the compiled tests in dist/ (`npm test` builds first), so decorators and metadata behave
// exactly as in production.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  roots: ["<rootDir>/dist/tests"],
  testMatch: ["**/*.test.js"],
  testEnvironment: "node",
  globalSetup: "<rootDir>/dist/tests/support/global-setup.js",
  testTimeout: 60000,
  maxWorkers: 2,
  watchman: false,
};
