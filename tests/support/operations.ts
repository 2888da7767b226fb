// Loads the example operations in schema/operations/ (the ones README shows), so tests run them as is.
import { readFileSync } from "node:fs";
import { projectPath } from "../../src/paths";

export function operation(name: string): string {
  return readFileSync(projectPath("schema", "operations", `${name}.graphql`), "utf8");
}
