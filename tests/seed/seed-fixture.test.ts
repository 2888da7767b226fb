// The project's copies of the seed article and its expectations stay identical to the shared originals
// (checked only where ../shared exists, as on developer machines and in CI).
import { existsSync, readFileSync } from "node:fs";
import { projectPath } from "../../src/paths";

const shared = projectPath("..", "shared", "seed");
const copies: Array<[string, string]> = [
  ["article.txt", projectPath("tests", "fixtures", "seed", "article.txt")],
  ["article.txt", projectPath("src", "seed", "article.txt")],
  ["article.expected.json", projectPath("tests", "fixtures", "seed", "article.expected.json")],
];

describe("seed fixture copies", () => {
  it.each(copies)("%s at %s matches the shared original", (name, copy) => {
    expect(existsSync(copy)).toBe(true);
    if (!existsSync(`${shared}/${name}`)) return;
    expect(readFileSync(copy, "utf8")).toBe(readFileSync(`${shared}/${name}`, "utf8"));
  });
});
