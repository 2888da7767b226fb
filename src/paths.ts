// Locates the project root, so code compiled into dist/ finds files that live beside the sources.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

function findRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && !dir.endsWith(`${"/"}dist`)) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        if (require(pkg).name === "newsgraph") return dir;
      } catch {
        /* not ours; keep walking */
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`newsgraph: cannot find the project root above ${start}`);
    dir = parent;
  }
}

/** Absolute path of the checkout (the folder holding newsgraph's package.json). */
export const PROJECT_ROOT = findRoot(__dirname);

/** Absolute path of a file inside the project. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
