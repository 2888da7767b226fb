// GET /export/quotes through HTTP: CSV (RFC 4180) and JSON Lines with the same rows the quotes list pages
// through, gzip, resuming with the end cursor or the last quote id, who may export what, coded refusals
// in the format asked for, and (on the PostgreSQL server) one snapshot for the whole export.
import { randomBytes, randomUUID } from "node:crypto";
import { authHeaders, startReadersApp } from "../readers/support";
import { buildAnalystCorpus, countWhere } from "./corpus";
import { httpGet, parseCsv } from "./http-get";
import { TEST_ADMIN_KEY, type TestApp } from "../support/test-app";
import { EXPORT_COLUMNS, QuoteExportService } from "../../src/export/quote-export.service";
import { QuoteService } from "../../src/quotes/quote.service";
import { PUBLIC_VISIBILITY } from "../../src/auth/visibility";
import type { BuiltGraph } from "../support/factory";

// A window of its own, so that counters in a shared Redis never meet another run's.
const WINDOW = String(100_000 + (randomBytes(3).readUIntBE(0, 3) % 1_000_000));
const PUBLIC = "a.status = 'PUBLISHED'";

describe("bulk export of quotes", () => {
  let t: TestApp;
  let g: BuiltGraph;
  const tricky = `He said, "no"\nand then: "maybe", twice`;

  beforeAll(async () => {
    t = await startReadersApp({ EXPORT_ANONYMOUS_RATE_LIMIT: "1000", EXPORT_ANONYMOUS_RATE_WINDOW_SECONDS: WINDOW });
    g = await buildAnalystCorpus(t.db.dataSource, 60);
    await t.db.dataSource.query(`UPDATE quotes SET text = $1 WHERE id = (SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.slug = 'article-1' AND q.position = 0)`, [
      tricky,
    ]);
  });
  afterAll(() => t.close());

  const url = (params: Record<string, string>) => `${t.url}/export/quotes?${new URLSearchParams(params)}`;

  async function listIds(filter: object, headers: Record<string, string> = {}): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await t.gql(
        `query($f: QuoteFilterInput, $after: String){ quotes(filter: $f, first: 100, after: $after, orderBy: OLDEST){ edges{ node{ id } } pageInfo{ hasNextPage endCursor } } }`,
        { f: filter, after },
        headers,
      );
      expect(res.errors).toBeUndefined();
      ids.push(...res.data.quotes.edges.map((e: any) => e.node.id));
      if (!res.data.quotes.pageInfo.hasNextPage) return ids;
      after = res.data.quotes.pageInfo.endCursor;
    }
  }

  it("exports CSV with a header row and exactly the rows the list pages through, oldest first", async () => {
    const res = await httpGet(url({ outletSlug: "outlet-1", hasSpeaker: "true" }));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv; charset=utf-8/);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    const ids = rows.slice(1).map((r) => r[0]);
    expect(ids).toEqual(await listIds({ outletSlug: "outlet-1", hasSpeaker: true }));
    expect(ids.length).toBe(await countWhere(t.db.dataSource, `${PUBLIC} AND o.slug = 'outlet-1' AND q.speaker_id IS NOT NULL`));
    expect(res.trailers["x-export-complete"]).toBe("true");
    expect(res.trailers["x-export-rows"]).toBe(String(ids.length));
    const col = (name: string) => EXPORT_COLUMNS.indexOf(name as never);
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(EXPORT_COLUMNS.length);
      expect(r[col("outlet_slug")]).toBe("outlet-1");
      expect(r[col("speaker_name")]).toMatch(/^Speaker Number\d$/);
      expect(r[col("published_at")]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it("quotes fields holding commas, quotes and line breaks as RFC 4180 says", async () => {
    const res = await httpGet(url({ search: "maybe twice" }));
    const rows = parseCsv(res.text);
    expect(rows).toHaveLength(2);
    expect(rows[1][EXPORT_COLUMNS.indexOf("text")]).toBe(tricky);
    expect(res.text).toContain(`"He said, ""no""\nand then: ""maybe"", twice"`);
  });

  it("exports JSON Lines by Accept or format=, with a JSON filter, ending with the cursor line", async () => {
    const filter = JSON.stringify({ language: "de", publishedAfter: "2025-01-05T00:00:00Z" });
    for (const [params, headers] of [
      [{ filter }, { accept: "application/x-ndjson" }],
      [{ filter, format: "jsonl" }, {}],
    ] as const) {
      const res = await httpGet(url(params), headers);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/jsonl/);
      const lines = res.text
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
      const end = lines.pop();
      expect(lines.map((l) => l.quote_id)).toEqual(await listIds({ language: "de", publishedAfter: "2025-01-05T00:00:00Z" }));
      expect(lines.every((l) => l.language === "de")).toBe(true);
      expect(end._export).toMatchObject({ rows: lines.length, complete: true });
      expect(end._export.cursor).toBe(res.trailers["x-export-cursor"]);
    }
  });

  it("gzips when asked, with the same rows", async () => {
    const plain = await httpGet(url({ format: "csv" }));
    const zipped = await httpGet(url({ format: "csv" }), { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.raw.length).toBeLessThan(plain.raw.length);
    expect(zipped.text).toBe(plain.text);
    expect(zipped.trailers["x-export-rows"]).toBe(plain.trailers["x-export-rows"]);
  });

  it("resumes from the end cursor, or from the id of the last row received, with no row twice or missing", async () => {
    const all = (await httpGet(url({ format: "jsonl" }))).text
      .trimEnd()
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l).quote_id);
    expect(all.length).toBeGreaterThan(100);
    const first = (await httpGet(url({ format: "jsonl", limit: "37" }))).text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const end = first.pop()._export;
    expect(end).toMatchObject({ rows: 37, complete: false });
    const rest = (await httpGet(url({ format: "jsonl", after: end.cursor }))).text
      .trimEnd()
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l).quote_id);
    expect([...first.map((l) => l.quote_id), ...rest]).toEqual(all);
    const byId = (await httpGet(url({ format: "jsonl", after: first[first.length - 1].quote_id }))).text
      .trimEnd()
      .split("\n")
      .slice(0, -1)
      .map((l) => JSON.parse(l).quote_id);
    expect(byId).toEqual(rest);
  });

  it("lets editors and admins export drafts, analysts and anonymous users published quotes only", async () => {
    const rows = async (headers: Record<string, string>) => {
      const res = await httpGet(url({ format: "csv" }), headers);
      expect(res.status).toBe(200);
      return parseCsv(res.text).length - 1;
    };
    const published = await countWhere(t.db.dataSource, PUBLIC);
    const all = await countWhere(t.db.dataSource, "true");
    expect(all).toBeGreaterThan(published);
    expect(await rows({})).toBe(published);
    expect(await rows(await authHeaders("ana", ["ANALYST"]))).toBe(published);
    expect(await rows(await authHeaders("ed", ["EDITOR"]))).toBe(all);
    expect(await rows({ "x-admin-key": TEST_ADMIN_KEY })).toBe(all);
  });

  it("refuses bad requests with coded errors in the format asked for", async () => {
    const csv = await httpGet(url({ filter: "{nope" }));
    expect(csv.status).toBe(400);
    expect(parseCsv(csv.text)).toEqual([
      ["error_code", "message"],
      ["BAD_USER_INPUT", "filter is not valid JSON."],
    ]);
    const jsonl = await httpGet(url({ format: "jsonl", kind: "SHOUTED" }));
    expect(jsonl.status).toBe(400);
    expect(JSON.parse(jsonl.text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const bad: Array<Record<string, string>> = [{ nope: "1" }, { publishedAfter: "yesterday" }, { limit: "0" }, { after: "garbage" }, { format: "xml" }, { hasSpeaker: "maybe" }];
    for (const params of bad) {
      expect((await httpGet(url(params))).status).toBe(400);
    }
    expect((await httpGet(url({ after: randomUUID() }))).status).toBe(404);
    const badToken = await httpGet(url({ format: "jsonl" }), { authorization: "Bearer nope" });
    expect(badToken.status).toBe(401);
    expect(JSON.parse(badToken.text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("rate-limits anonymous exports, not analysts', and can require a token", async () => {
    const strict = await startReadersApp({ EXPORT_ANONYMOUS_RATE_LIMIT: "2", EXPORT_ANONYMOUS_RATE_WINDOW_SECONDS: String(Number(WINDOW) + 1) }, { db: t.db });
    const closed = await startReadersApp({ EXPORT_ANONYMOUS_RATE_LIMIT: "0" }, { db: t.db });
    try {
      const get = (app: TestApp, headers: Record<string, string> = {}) => httpGet(`${app.url}/export/quotes?format=jsonl&limit=1`, headers);
      expect((await get(strict)).status).toBe(200);
      expect((await get(strict)).status).toBe(200);
      const third = await get(strict);
      expect(third.status).toBe(429);
      expect(JSON.parse(third.text).errors[0].extensions.code).toBe("RATE_LIMITED");
      expect(Number(third.headers["retry-after"])).toBeGreaterThan(0);
      const analyst = await authHeaders("ana", ["ANALYST"]);
      for (let i = 0; i < 3; i++) expect((await get(strict, analyst)).status).toBe(200);
      const anonymous = await get(closed);
      expect(anonymous.status).toBe(401);
      expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect((await get(closed, analyst)).status).toBe(200);
    } finally {
      await strict.close();
      await closed.close();
    }
  });

  it("reads one snapshot on the PostgreSQL server (short pages on the embedded database)", async () => {
    const ds = t.db.dataSource;
    const exporter = new QuoteExportService(ds, new QuoteService(ds));
    const snapshot = !t.db.embedded;
    const run = await exporter.open({}, PUBLIC_VISIBILITY, { snapshot, pageRows: 10 });
    const ids: string[] = [];
    let added: string | null = null;
    for await (const page of run.pages()) {
      ids.push(...page.map((r) => r.quote_id as string));
      if (!added) {
        // A quote in the newest published article: it sorts after every row read so far.
        const [{ id }] = await ds.query(
          `INSERT INTO quotes (article_id, speaker_id, text, kind, position, text_hash)
           SELECT a.id, NULL, 'written during the export', 'DIRECT', 99, 'x' FROM articles a WHERE a.status = 'PUBLISHED' ORDER BY a.sort_at DESC LIMIT 1 RETURNING id`,
        );
        added = id as string;
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.includes(added!)).toBe(!snapshot);
    expect(run.end()).toMatchObject({ complete: true, rows: ids.length });
    await ds.query(`DELETE FROM quotes WHERE id = $1`, [added]);
    void g;
  });
});
