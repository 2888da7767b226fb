// `npm start` compiles only when a source is newer than the last build (bin/build-if-stale.js), checked
// on a tiny project of its own: built the first time, skipped when nothing changed, built again after
// a source changes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectPath } from "../../src/paths";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "ng-build-"));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: ".", module: "commonjs", target: "ES2022" }, include: ["src"] }));
  writeFileSync(join(root, "src", "a.ts"), "export const a: number = 1;\n");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(): string {
  const r = spawnSync(process.execPath, [projectPath("bin", "build-if-stale.js")], { env: { ...process.env, NEWSGRAPH_ROOT: root }, encoding: "utf8" });
  expect(r.status).toBe(0);
  return r.stderr;
}

it("builds when there is no build, skips when nothing changed, builds after a change", () => {
  expect(run()).toContain("building newsgraph");
  expect(existsSync(join(root, "dist", "src", "a.js"))).toBe(true);
  expect(run()).toBe("");
  const later = new Date(Date.now() + 5_000);
  writeFileSync(join(root, "src", "a.ts"), "export const a: number = 2;\n");
  utimesSync(join(root, "src", "a.ts"), later, later);
  expect(run()).toContain("building newsgraph");
  expect(run()).toBe("");
});
