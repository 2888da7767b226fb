// `npm run check:schema`: fails when schema/schema.graphql is not what the code generates.
// With --write it regenerates the file instead.
import "reflect-metadata";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { printNewsSubgraphSchema } from "../src/federation/subgraph-schema";
import { printNewsSchema } from "../src/graphql/schema";
import { projectPath } from "../src/paths";

export const SCHEMA_FILES: Array<{ path: string; print: () => Promise<string> }> = [
  { path: projectPath("schema", "schema.graphql"), print: printNewsSchema },
  // The same graph as an Apollo Federation 2 subgraph (what `_service { sdl }` returns, what rover composes).
  { path: projectPath("schema", "subgraph.graphql"), print: printNewsSubgraphSchema },
];

/** The committed files that differ from what the code prints. */
export async function staleSchemaFiles(): Promise<string[]> {
  const stale: string[] = [];
  for (const f of SCHEMA_FILES) {
    const current = existsSync(f.path) ? readFileSync(f.path, "utf8") : "";
    if (current !== (await f.print())) stale.push(f.path);
  }
  return stale;
}

async function run(): Promise<void> {
  if (process.argv.includes("--write")) {
    for (const f of SCHEMA_FILES) writeFileSync(f.path, await f.print());
    console.log(`wrote ${SCHEMA_FILES.map((f) => f.path).join(", ")}`);
    return;
  }
  const stale = await staleSchemaFiles();
  if (stale.length) {
    console.error(`stale: ${stale.join(", ")}\nrun \`npm run schema:write\` and commit the result.`);
    process.exit(1);
  }
  console.log("schema files are up to date");
}

if (require.main === module) void run();
