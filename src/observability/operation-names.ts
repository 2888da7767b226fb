// The operation names newsgraph knows in advance: those of the operations in SAFELIST_DIR (the example
// operations by default) and METRICS_OPERATION_NAMES. /metrics gives these a label of their own.
import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { Kind, parse } from "graphql";
import type { Config } from "../config";
import { projectPath } from "../paths";

export function knownOperationNames(config: Pick<Config, "SAFELIST_DIR" | "METRICS_OPERATION_NAMES">): Set<string> {
  const names = new Set(
    (config.METRICS_OPERATION_NAMES ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean),
  );
  const folder = isAbsolute(config.SAFELIST_DIR) ? config.SAFELIST_DIR : projectPath(config.SAFELIST_DIR);
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith(".graphql"));
  } catch {
    return names; // no such folder: only the configured names
  }
  for (const file of files) {
    for (const def of parse(readFileSync(join(folder, file), "utf8")).definitions) {
      if (def.kind === Kind.OPERATION_DEFINITION && def.name) names.add(def.name.value);
    }
  }
  return names;
}
