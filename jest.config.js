/** One jest run for the whole workspace: every package and service, one real PostgreSQL. */
const transform = { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }] };

module.exports = {
  testEnvironment: "<rootDir>/packages/testkit/src/jest/quiet-log-environment.ts",
  transform,
  testMatch: ["<rootDir>/{packages,services}/*/{src,test}/**/*.test.ts", "<rootDir>/scripts/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  globalSetup: "<rootDir>/packages/testkit/src/jest/global-setup.ts",
  globalTeardown: "<rootDir>/packages/testkit/src/jest/global-teardown.ts",
  testTimeout: 30000,
};
