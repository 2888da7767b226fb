// Plain text with simple front matter (Outlet:, Author:, URL:, Published:, Language:, Title:) before the
// title: the fields reach the article and the outlet, and none of the lines reaches the body. Text
// without front matter (including a lone `Title:` line) reads as before.
import { readFileSync } from "node:fs";
import { parseInput } from "../../src/ingest/formats";
import { ingestContent } from "../../src/ingest/ingest.service";
import { projectPath } from "../../src/paths";
import { startTestApp, type TestApp } from "../support/test-app";

const PLAIN = readFileSync(projectPath("tests", "fixtures", "coverage", "putin-ceasefire.txt"), "utf8");
const WITH_FRONT = `Outlet: Kyiv Wire\nAuthor: Jane Doe\nURL: https://kyivwire.example/putin-ceasefire\n\n${PLAIN}`;
const FENCED = `---\nOutlet: Kyiv Wire\nPublished: 14 March 2025 09:00 UTC\nLanguage: en\nTitle: Putin backs the truce\n---\n\nMoscow, Russia – March 13, 2025 - Putin said “the idea is good” on Thursday.\n`;

describe("plain-text front matter", () => {
  it("reads Outlet, URL and keeps Author and the keys out of the body", () => {
    const [plain] = parseInput(PLAIN, { format: "text" });
    const [raw] = parseInput(WITH_FRONT, { format: "text" });
    expect(raw).toMatchObject({
      title: plain!.title,
      outletName: "Kyiv Wire",
      outletDomain: "kyivwire.example",
      url: "https://kyivwire.example/putin-ceasefire",
      publishedAt: plain!.publishedAt,
      body: plain!.body,
    });
    expect(raw!.body).not.toMatch(/Jane Doe|Outlet:|Author:/);
  });

  it("reads a fenced block with the title, date and language in it", () => {
    const [raw] = parseInput(FENCED, { format: "text" });
    expect(raw).toMatchObject({ title: "Putin backs the truce", outletName: "Kyiv Wire", language: "en" });
    expect(raw!.publishedAt?.toISOString()).toBe("2025-03-14T09:00:00.000Z");
    expect(raw!.body).toMatch(/^Putin said “the idea is good”/);
  });

  it("leaves text without front matter as it was: a lone Title: line is the title", () => {
    const [raw] = parseInput(`Title: Talks resume\nPublished on 2 May 2025\n\nGeneva – Talks resumed on Friday, officials said.\n`, { format: "text" });
    expect(raw).toMatchObject({ title: "Talks resume", outletName: null });
    expect(raw!.body).toContain("Talks resumed on Friday");
  });

  describe("stored", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it("gives the article its outlet", async () => {
      const [stored] = await ingestContent(t.db.dataSource, WITH_FRONT, { format: "text" });
      const res = await t.gql(`query($id: ID) { article(id: $id) { url outlet { name } } }`, { id: stored!.article.id });
      expect(res.data.article).toEqual({ url: "https://kyivwire.example/putin-ceasefire", outlet: { name: "Kyiv Wire" } });
    });
  });
});
