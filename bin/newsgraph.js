#!/usr/bin/env node
// The newsgraph command. Runs the compiled CLI; `npm run build` makes it.
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const main = join(__dirname, "..", "dist", "src", "cli", "main.js");
if (!existsSync(main)) {
  console.error("newsgraph is not built yet: run `npm run build` (or `npm start`, which builds first).");
  process.exit(1);
}
require(main)
  .main(process.argv)
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
