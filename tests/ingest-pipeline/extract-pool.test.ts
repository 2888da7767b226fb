// Extraction in worker threads (ExtractPool), as `ingest` into a server uses it: the same documents and
// the same coded errors as extraction on the main thread, and a folder ingest through it stores the same.
import { readFileSync } from "node:fs";
import { ExtractPool } from "../../src/ingest/extract-pool";
import { IngestInputError } from "../../src/ingest/ingest-errors";
import { expandPaths, extractInput, ingestFiles } from "../../src/ingest/ingest.service";
import { projectPath } from "../../src/paths";
import { startTestApp, type TestApp } from "../support/test-app";

const FOLDER = projectPath("tests", "fixtures", "coverage");

describe("ExtractPool", () => {
  let pool: ExtractPool;
  beforeAll(() => {
    pool = new ExtractPool(2);
  });
  afterAll(() => pool.close());

  it("extracts every input exactly as extractInput does", async () => {
    const files = expandPaths([FOLDER]).filter((f) => !f.endsWith("broken.json"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const seed = readFileSync(projectPath("tests", "fixtures", "seed", "article.txt"), "utf8");
    const inputs: Array<[string, { fileName?: string; format?: "text" }]> = [
      ...files.map((f): [string, { fileName: string }] => [readFileSync(f, "utf8"), { fileName: f }]),
      [seed, { format: "text" }],
    ];
    const viaPool = await Promise.all(inputs.map(([content, options]) => pool.extract(content, options)));
    viaPool.forEach((docs, i) => {
      expect(docs.length).toBeGreaterThan(0);
      expect(docs).toEqual(extractInput(...inputs[i]!));
    });
  });

  it("rejects bad input with the same coded IngestInputError", async () => {
    const bad = readFileSync(projectPath("tests", "fixtures", "coverage", "broken.json"), "utf8");
    let local: unknown;
    try {
      extractInput(bad, { fileName: "broken.json" });
    } catch (err) {
      local = err;
    }
    const remote = await pool.extract(bad, { fileName: "broken.json" }).catch((err: unknown) => err);
    expect(remote).toBeInstanceOf(IngestInputError);
    expect(local).toBeInstanceOf(IngestInputError);
    const { code, reason, path } = remote as IngestInputError;
    expect({ code, reason, path }).toEqual({ code: (local as IngestInputError).code, reason: (local as IngestInputError).reason, path: (local as IngestInputError).path });
    expect(code).toBe("INVALID_JSON");
    // The pool goes on after a bad input.
    expect(await pool.extract("Title\n\nBody with “a quote,” said Jane Doe.", { format: "text" })).toHaveLength(1);
  });
});

describe("ingest of a folder with extraction in worker threads", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("stores every article, names the bad file, and duplicates nothing on a second run", async () => {
    const files = expandPaths([FOLDER]);
    const first = await ingestFiles(t.db.dataSource, files, { root: FOLDER, concurrency: 3, extractWorkers: 2 });
    expect(first.failedFiles).toBe(1);
    expect(first.outcomes.find((o) => o.file === "broken.json")?.error?.code).toBe("INVALID_JSON");
    expect(first.articlesCreated).toBe(5);
    const second = await ingestFiles(t.db.dataSource, files, { root: FOLDER, concurrency: 3, extractWorkers: 2 });
    expect(second.articlesCreated).toBe(0);
    expect(second.articlesUpdated).toBe(5);
    expect((await t.gql(`{ articles { totalCount } }`)).data.articles.totalCount).toBe(5);
  });
});
