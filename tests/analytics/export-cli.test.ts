// `newsgraph export` and `newsgraph speakers enrich` as a user runs them: a process of its own over a data folder, the seed loaded, the
// speaker's quotes written to a file, and resumed after a cut with --limit/--after.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectPath } from "../../src/paths";
import { EXPORT_COLUMNS } from "../../src/export/quote-export.service";
import { parseCsv } from "./http-get";

const run = promisify(execFile);

describe("newsgraph export", () => {
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-export-"));
  // The embedded database in a folder of its own (a PostgreSQL server's shared test database is not ours to seed).
  const env = { ...process.env, DATA_DIR: join(dir, "data"), DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "warn" };
  const cli = (...args: string[]) => run(process.execPath, [projectPath("bin", "newsgraph.js"), ...args], { env, cwd: dir, timeout: 300_000 });

  beforeAll(async () => {
    await cli("seed");
  }, 320_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a speaker's quotes as CSV to a file", async () => {
    const out = join(dir, "putin.csv");
    const { stderr } = await cli("export", "--speaker", "Vladimir Putin", "--format", "csv", "--out", out);
    const rows = parseCsv(readFileSync(out, "utf8"));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    const seed = JSON.parse(readFileSync(projectPath("src", "seed", "article.annotations.json"), "utf8"));
    const putin = seed.quotes.filter((q: any) => q.speaker === "Vladimir Putin").length;
    expect(putin).toBeGreaterThan(1);
    expect(rows.length - 1).toBe(putin);
    for (const r of rows.slice(1)) expect(r[EXPORT_COLUMNS.indexOf("speaker_name")]).toBe("Vladimir Putin");
    expect(stderr).toMatch(new RegExp(`exported ${putin} quotes`));
  }, 120_000);

  it("stops at --limit, names the cursor, and continues from it with --after", async () => {
    const first = await cli("export", "--speaker", "Putin", "--format", "jsonl", "--limit", "1");
    const lines = first.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const end = lines.pop()._export;
    expect(end).toMatchObject({ rows: 1, complete: false });
    expect(first.stderr).toContain(`--after ${end.cursor}`);
    const rest = await cli("export", "--speaker", "Putin", "--format", "jsonl", "--after", end.cursor);
    const all = await cli("export", "--speaker", "Putin", "--format", "jsonl");
    const ids = (s: string) =>
      s
        .trimEnd()
        .split("\n")
        .slice(0, -1)
        .map((l) => JSON.parse(l).quote_id);
    expect([...lines.map((l) => l.quote_id), ...ids(rest.stdout)]).toEqual(ids(all.stdout));
    await expect(cli("export", "--published-after", "soon")).rejects.toMatchObject({ stderr: expect.stringMatching(/publishedAfter must be a date-time/) });
  }, 120_000);

  it("enriches the seed's speakers from a Wikidata extract, reporting what it did", async () => {
    const { stdout } = await cli("speakers", "enrich", projectPath("tests", "fixtures", "wikidata", "humans.json"));
    expect(stdout).toMatch(/linked +Vladimir Putin → Q7747/);
    expect(stdout).toMatch(/^linked 1, updated 0, ambiguous 0, conflicts 0, kept editors' links 0, unmatched \d+ \(read 15 entities, 1 matching humans\)$/m);
    const out = join(dir, "putin.jsonl");
    await cli("export", "--speaker", "Putin", "--format", "jsonl", "--out", out, "--limit", "1");
    expect(JSON.parse(readFileSync(out, "utf8").split("\n")[0]).speaker_wikidata_id).toBe("Q7747");
  }, 120_000);
});
