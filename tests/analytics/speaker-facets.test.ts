// Speaker facets: `speakers enrich` on a small extract in Wikidata's own dump format (plain, gzip, bzip2),
// linking by label and aliases to humans only, reporting ambiguous names and conflicts, keeping editors'
// links; editors editing facets through GraphQL; quoteStats grouping by gender, party and country.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { projectPath } from "../../src/paths";
import { enrichSpeakers } from "../../src/speakers/speaker-enrich.service";
import { buildAnalystCorpus } from "./corpus";
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from "../support/test-app";

const FIXTURE = projectPath("tests", "fixtures", "wikidata", "humans.json");
const ADMIN = { "x-admin-key": TEST_ADMIN_KEY };

describe("speaker facets", () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-wikidata-"));
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await buildAnalystCorpus(t.db.dataSource, 30);
    const add = async (name: string, aliases: string[] = [], extra = "") => {
      const [{ id }] = await t.db.dataSource.query(
        `INSERT INTO speakers (slug, name, aliases, kind${extra ? ", wikidata_id, wikidata_linked_by" : ""}) VALUES ($1, $2, $3, $4${extra ? ", $5, 'EDITOR'" : ""}) RETURNING id`,
        [name.toLowerCase().replace(/\W+/g, "-"), name, aliases, name === "Acme Example" ? "ORGANIZATION" : "PERSON", ...(extra ? [extra] : [])],
      );
      ids[name] = id;
    };
    await add("Vladimir Putin", ["Putin", "Russian President Vladimir Putin"]);
    await add("Vladimir Vladimirovich Putin");
    await add("John Smith");
    await add("Ada Example", [], "Q900003");
    await add("Maria Example");
    await add("Rex Dog");
    await add("Acme Example", ["Maria Exemplar"]);
    // Quotes for the grouped counts: Putin's first article's quotes, and Maria's in another.
    await t.db.dataSource.query(`UPDATE quotes SET speaker_id = $1 WHERE article_id = (SELECT id FROM articles WHERE slug = 'article-1')`, [ids["Vladimir Putin"]]);
    await t.db.dataSource.query(`UPDATE quotes SET speaker_id = $1 WHERE article_id = (SELECT id FROM articles WHERE slug = 'article-2')`, [ids["Maria Example"]]);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const speaker = async (name: string) =>
    (await t.db.dataSource.query(`SELECT wikidata_id, wikidata_linked_by, gender, occupations, party, country, date_of_birth FROM speakers WHERE id = $1`, [ids[name]]))[0];

  it("reports without changing anything on a dry run, from gzip and bzip2 alike", async () => {
    const plain = await enrichSpeakers(t.db.dataSource, FIXTURE, { dryRun: true });
    const gz = join(dir, "humans.json.gz");
    writeFileSync(gz, gzipSync(readFileSync(FIXTURE)));
    expect(await enrichSpeakers(t.db.dataSource, gz, { dryRun: true })).toEqual(plain);
    const bz = spawnSync("bzip2", ["-kc", FIXTURE]);
    if (bz.error) console.warn("bzip2 is not installed: skipping the bzip2 extract (install it: apt-get install bzip2)");
    else {
      writeFileSync(join(dir, "humans.json.bz2"), bz.stdout);
      expect(await enrichSpeakers(t.db.dataSource, join(dir, "humans.json.bz2"), { dryRun: true })).toEqual(plain);
    }
    expect(plain.entities).toBe(15);
    expect((await speaker("Vladimir Putin")).wikidata_id).toBeNull();
  });

  it("links by name and alias to humans, reports ambiguity and conflicts, and keeps editors' links", async () => {
    const report = await enrichSpeakers(t.db.dataSource, FIXTURE);
    const outcome = (name: string) => report.lines.find((l) => l.name === name);
    expect(outcome("Vladimir Putin")).toMatchObject({ outcome: "linked", wikidataId: "Q7747" });
    expect(outcome("Vladimir Vladimirovich Putin")).toMatchObject({ outcome: "conflict", wikidataId: "Q7747", candidates: ["Vladimir Putin"] });
    expect(outcome("John Smith")).toMatchObject({ outcome: "ambiguous", candidates: ["Q900001", "Q900002"] });
    expect(outcome("Ada Example")).toMatchObject({ outcome: "updated", wikidataId: "Q900003" });
    expect(outcome("Maria Example")).toMatchObject({ outcome: "linked", wikidataId: "Q900006" });
    expect(outcome("Rex Dog")).toMatchObject({ outcome: "unmatched" }); // a dog, not a human
    expect(outcome("Acme Example")).toBeUndefined(); // organisations are not matched to people

    expect(await speaker("Vladimir Putin")).toEqual({
      wikidata_id: "Q7747",
      wikidata_linked_by: "WIKIDATA_ENRICH",
      gender: "male",
      occupations: ["politician", "lawyer"],
      party: "United Russia",
      country: "Russia",
      date_of_birth: "1952-10-07",
    });
    expect(await speaker("Maria Example")).toMatchObject({ gender: "female", country: "Germany", date_of_birth: "1970", party: null });
    expect(await speaker("Ada Example")).toMatchObject({ wikidata_id: "Q900003", wikidata_linked_by: "EDITOR", gender: "female", country: "Russia" });
    expect(await speaker("John Smith")).toMatchObject({ wikidata_id: null, gender: null });
    // Running again changes nothing and reports the links as kept.
    const again = await enrichSpeakers(t.db.dataSource, FIXTURE);
    expect(again.lines.find((l) => l.name === "Vladimir Putin")).toMatchObject({ outcome: "updated" });
  });

  it("refuses a file that is not a dump, naming the line", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, `[\n{"id":"Q1","labels":{}},\nnot json\n]\n`);
    await expect(enrichSpeakers(t.db.dataSource, bad)).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("line 3") });
    await expect(enrichSpeakers(t.db.dataSource, join(dir, "missing.json"))).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
  });

  it("lets editors set facets and unlink, and enrichment then keeps the editor's choice", async () => {
    const M = `mutation($id: ID!, $input: UpdateSpeakerInput!){ updateSpeaker(id: $id, input: $input){ gender occupations party country dateOfBirth wikidataId } }`;
    const anon = await t.gql(M, { id: ids["John Smith"], input: { gender: "male" } });
    expect(anon.errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    const set = await t.gql(M, { id: ids["John Smith"], input: { gender: "male", occupations: ["journalist"], party: "None", country: "Ireland", dateOfBirth: "1960-02" } }, ADMIN);
    expect(set.errors).toBeUndefined();
    expect(set.data.updateSpeaker).toEqual({ gender: "male", occupations: ["journalist"], party: "None", country: "Ireland", dateOfBirth: "1960-02", wikidataId: null });
    const badDate = await t.gql(M, { id: ids["John Smith"], input: { dateOfBirth: "Feb 1960" } }, ADMIN);
    expect(badDate.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const unlink = await t.gql(M, { id: ids["Maria Example"], input: { wikidataId: null } }, ADMIN);
    expect(unlink.errors).toBeUndefined();
    const report = await enrichSpeakers(t.db.dataSource, FIXTURE);
    expect(report.lines.find((l) => l.name === "Maria Example")).toMatchObject({ outcome: "editor" });
    expect((await speaker("Maria Example")).wikidata_id).toBeNull();
  });

  it("serves the facets, and groups quote counts by gender, party and country", async () => {
    const res = await t.gql(`query($id: ID!){ speaker(id: $id){ name gender occupations party country dateOfBirth wikidataId } }`, { id: ids["Vladimir Putin"] });
    expect(res.errors).toBeUndefined();
    expect(res.data.speaker).toEqual({
      name: "Vladimir Putin",
      gender: "male",
      occupations: ["politician", "lawyer"],
      party: "United Russia",
      country: "Russia",
      dateOfBirth: "1952-10-07",
      wikidataId: "Q7747",
    });
    const stats = await t.gql(`{ quoteStats(groupBy: [GENDER, PARTY, COUNTRY], first: 50){ edges{ node{ gender party country count } } } }`);
    expect(stats.errors).toBeUndefined();
    const buckets = stats.data.quoteStats.edges.map((e: any) => e.node);
    const count = async (name: string) =>
      (await t.db.dataSource.query(`SELECT count(*)::int AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.status = 'PUBLISHED' AND q.speaker_id = $1`, [ids[name]]))[0].n;
    expect(buckets.find((b: any) => b.party === "United Russia")).toEqual({ gender: "male", party: "United Russia", country: "Russia", count: await count("Vladimir Putin") });
    expect(buckets.find((b: any) => b.country === "Germany")).toEqual({ gender: "female", party: null, country: "Germany", count: await count("Maria Example") });
  });
});
