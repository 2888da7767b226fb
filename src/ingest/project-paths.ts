// Locates the project root and the shared folder from the working directory, because compiled code runs from dist/ where __dirname is no guide.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PROJECT_NAME = 'newsgraph';

function isProjectRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === PROJECT_NAME;
  } catch {
    return false;
  }
}

/** The checkout root (the folder whose package.json is newsgraph's), found by walking up from `from`. */
export function findProjectRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (isProjectRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find the ${PROJECT_NAME} project root above ${from}`);
    }
    dir = parent;
  }
}

/**
 * The shared folder (seed article, style guide). It sits beside the checkout (../shared) on developer machines and
 * in CI; NEWSGRAPH_SHARED_DIR overrides it.
 */
export function findSharedDir(from: string = process.cwd()): string {
  const override = process.env.NEWSGRAPH_SHARED_DIR;
  if (override && existsSync(override)) return resolve(override);
  const root = findProjectRoot(from);
  for (const candidate of [join(root, 'shared'), join(root, '..', 'shared')]) {
    if (existsSync(join(candidate, 'seed'))) return resolve(candidate);
  }
  throw new Error(`Cannot find the shared folder next to ${root} (set NEWSGRAPH_SHARED_DIR)`);
}

/** Absolute path of a file under the project root, e.g. projectPath('tests', 'fixtures', 'quotes'). */
export function projectPath(...parts: string[]): string {
  return join(findProjectRoot(), ...parts);
}
