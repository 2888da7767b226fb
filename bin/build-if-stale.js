#!/usr/bin/env node
// `npm start` runs this instead of a full build: it compiles (tsc) only when a TypeScript source, the
// tsconfig or package.json is newer than the last successful build, so later starts skip the ~10-30 s
// of tsc. `--force` always builds, silently (`npm run build`). (Plain JavaScript: it runs before anything
// is compiled.)
const { spawnSync } = require("node:child_process");
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

// NEWSGRAPH_ROOT: another project folder (tests build a small one).
const root = process.env.NEWSGRAPH_ROOT || join(__dirname, "..");
const force = process.argv.includes("--force");
const stamp = join(root, "dist", ".build-stamp");
const SOURCES = ["src", "entities", "resolvers", "scripts", "bench", "tests"];
const FILES = ["tsconfig.json", "package.json"];

/** The newest modification time (ms) of the sources, skipping folders that hold no TypeScript of ours. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      newest = Math.max(newest, st.mtimeMs); // a file deleted or renamed changes its folder
      for (const name of readdirSync(path)) if (name !== "node_modules" && !name.startsWith(".")) visit(join(path, name));
    } else if (/\.(ts|json|js)$/.test(path)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const d of SOURCES) visit(join(root, d));
  for (const f of FILES) visit(join(root, f));
  return newest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
// The sources this build compiles: the stamp takes their newest time (not the clock's), so a source saved
// during the build, or one whose time lies ahead of the clock, is never taken as built.
const newest = newestSource();
if (!force && built > 0 && newest <= built) process.exit(0);

const started = Date.now();
if (!force) process.stderr.write("building newsgraph (tsc)…\n");
const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.json")], { stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
writeFileSync(stamp, `${new Date().toISOString()}\n`);
// (rounded up to the next millisecond: file times lose sub-millisecond precision on the way back)
if (newest > 0) utimesSync(stamp, (Math.ceil(newest) + 1) / 1000, (Math.ceil(newest) + 1) / 1000);
if (!force) process.stderr.write(`built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
