// Bad files: binary input is refused as NOT_TEXT (never stored as garbage), an article longer than the
// per-article limit fails with ARTICLE_TOO_LARGE, and `ingest` of a missing file next to a good one
// names the missing one and stores the other.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { extractInput } from "../../src/ingest/extract-input";
import { IngestInputError } from "../../src/ingest/ingest-errors";
import { expandPaths, ingestFiles } from "../../src/ingest/ingest.service";
import { projectPath } from "../../src/paths";
import { startTestApp, type TestApp } from "../support/test-app";

const PNG = projectPath("tests", "fixtures", "bad", "image.png");
const GOOD = projectPath("tests", "fixtures", "coverage", "putin-ceasefire.txt");

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof IngestInputError ? err.code : `not coded: ${(err as Error).message}`;
  }
  return undefined;
}

describe("binary input", () => {
  it("is NOT_TEXT whatever the format says", () => {
    const png = readFileSync(PNG, "utf8");
    expect(codeOf(() => extractInput(png))).toBe("NOT_TEXT");
    expect(codeOf(() => extractInput(png, { format: "text" }))).toBe("NOT_TEXT");
    expect(codeOf(() => extractInput(png, { fileName: "image.png" }))).toBe("NOT_TEXT");
  });

  it("is told from text in another encoding with a few undecodable letters, which is still read", () => {
    const latin1 = readFileSync(GOOD, "utf8").replace("Moscow", "Moscow\ufffd");
    expect(extractInput(latin1, { format: "text" })).toHaveLength(1);
    const undecodable = "Title\n\n" + "\ufffd\ufffd\ufffd ".repeat(200);
    expect(codeOf(() => extractInput(undecodable, { format: "text" }))).toBe("NOT_TEXT");
  });

  it("makes `newsgraph extract image.png` exit non-zero with the code, and print no JSON", async () => {
    const child = spawn(process.execPath, [projectPath("bin", "newsgraph.js"), "extract", PNG], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("NOT_TEXT: not a text file");
  });
});

describe("the per-article size limit", () => {
  const body = "Kyiv, March 3 — " + "The talks went on. ".repeat(3000); // ~57 KB
  const text = `A long article\nPublished on 2024-03-03\n\n${body}`;

  it("fails an article over the limit with ARTICLE_TOO_LARGE and takes one under it", () => {
    expect(codeOf(() => extractInput(text, { format: "text", maxArticleBytes: 10_000 }))).toBe("ARTICLE_TOO_LARGE");
    expect(extractInput(text, { format: "text", maxArticleBytes: 100_000 })).toHaveLength(1);
    try {
      extractInput(text, { format: "text", maxArticleBytes: 10_000 });
    } catch (err) {
      expect((err as Error).message).toMatch(/INGEST_MAX_ARTICLE_BYTES \(10000\)/);
    }
  });
});

describe("ingest of a missing file beside a good one", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("names the missing file and stores the good one", async () => {
    const files = expandPaths(["nope.txt", GOOD, PNG]);
    expect(files).toEqual(["nope.txt", GOOD, PNG]);
    const summary = await ingestFiles(t.db.dataSource, files);
    expect(summary.outcomes.map((o) => [o.file, o.error?.code])).toEqual([
      ["nope.txt", "UNREADABLE_FILE"],
      [GOOD, undefined],
      [PNG, "NOT_TEXT"],
    ]);
    expect(summary.articlesCreated).toBe(1);
    expect((await t.gql("{ articles { totalCount } }")).data.articles.totalCount).toBe(1);
  });
});
