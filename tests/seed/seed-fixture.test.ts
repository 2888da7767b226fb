// The seed article exists twice in the project: the copy `seed` loads (src/seed) and the test
// fixture beside its expectations (tests/fixtures/seed). They must stay identical. Nothing outside the
// repository is read: a fresh clone has no ../shared (.ci/run compares with it where it exists).
import { existsSync, readFileSync } from "node:fs";
import { projectPath } from "../../src/paths";

const fixture = projectPath("tests", "fixtures", "seed", "article.txt");
const loaded = projectPath("src", "seed", "article.txt");

describe("seed fixture copies", () => {
  it("the fixture and the seed loader's copy exist and are identical", () => {
    expect(existsSync(fixture)).toBe(true);
    expect(existsSync(loaded)).toBe(true);
    expect(readFileSync(loaded, "utf8")).toBe(readFileSync(fixture, "utf8"));
  });

  it("the fixture's expectations exist", () => {
    expect(existsSync(projectPath("tests", "fixtures", "seed", "article.expected.json"))).toBe(true);
  });
});
