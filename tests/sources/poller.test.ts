// The poller over a real database and a local web: feeds changing between polls, 304s, failures with
// backoff and recovery, timeouts, size limits, gzip, robots.txt, the same item in two feeds, hostile
// and non-feed bodies (coded errors, the other sources go on), drafts left alone, summary-only items.
import { gzipSync } from "node:zlib";
import type { NewsEvents } from "../../src/pubsub/news-events";
import { SourcePoller } from "../../src/sources/poller";
import { SourceService } from "../../src/sources/source.service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { articleBody, feedRoute, rss, silent, startFakeWeb, testPolicy, type FakeWeb, type FeedEntry } from "./support";

let db: TestDatabase;
let web: FakeWeb;
let sources: SourceService;
let now = new Date("2026-12-07T10:00:00Z");
const quoteEvents: Array<{ speakerId: string; quoteId: string }> = [];
const events = { quoteAdded: (e: { speakerId: string; quoteId: string }) => quoteEvents.push(e) } as unknown as NewsEvents;

function poller(over: Partial<ConstructorParameters<typeof SourcePoller>[0]> = {}): SourcePoller {
  return new SourcePoller({
    ds: db.dataSource,
    policy: testPolicy(),
    logger: silent,
    concurrency: 4,
    perHost: 2,
    maxBackoffSeconds: 86_400,
    clock: () => now,
    random: () => 0.5,
    events,
    ...over,
  });
}

async function state(id: string) {
  return sources.get(id);
}

async function articleCount(): Promise<number> {
  const [r] = await db.dataSource.query(`SELECT count(*)::int AS n FROM articles`);
  return r.n;
}

beforeAll(async () => {
  db = await createTestDatabase();
  web = await startFakeWeb();
  sources = new SourceService(db.dataSource, { allowPrivate: true, minIntervalSeconds: 1 });
});
afterAll(async () => {
  await web.close();
  await db.close();
});
beforeEach(async () => {
  // Every test starts with no sources (their articles stay: tests use their own URLs).
  await db.dataSource.query(`DELETE FROM sources`);
  now = new Date(now.getTime() + 86_400_000);
});

it("stores a feed's items, only new or changed ones on later polls, and a 304 runs no statement of its own", async () => {
  const entries: FeedEntry[] = [
    { title: "Housing alpha", link: `${web.url}/a/alpha` },
    { title: "Housing beta", link: `${web.url}/a/beta` },
  ];
  web.routes.set(
    "/changing.xml",
    feedRoute(() => rss("Changing Times", web.url, entries)),
  );
  const s = await sources.add({ url: `${web.url}/changing.xml`, outlet: "changing-times", every: "10m" }, "test");
  const p = poller();
  const before = await articleCount();
  quoteEvents.length = 0;
  const [first] = await p.tick();
  expect(first).toMatchObject({ ok: true, status: 200, items: 2 });
  expect(await articleCount()).toBe(before + 2);
  // quoteAdded subscribers hear of the new quotes.
  expect(quoteEvents.length).toBeGreaterThanOrEqual(4);
  const [outlet] = await db.dataSource.query(`SELECT o.slug FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.url = $1`, [`${web.url}/a/alpha`]);
  expect(outlet.slug).toBe("changing-times");

  // Not due yet: nothing fetched.
  expect(await p.tick()).toEqual([]);

  // One item changes, one is added: two stored, the unchanged one is not touched.
  entries[0] = { ...entries[0]!, body: articleBody("alpha revised") };
  entries.push({ title: "Housing gamma", link: `${web.url}/a/gamma` });
  now = new Date(now.getTime() + 600_000);
  const [second] = await p.tick();
  expect(second).toMatchObject({ ok: true, status: 200, items: 2 });
  expect(await articleCount()).toBe(before + 3);
  const [alpha] = await db.dataSource.query(`SELECT body FROM articles WHERE url = $1`, [`${web.url}/a/alpha`]);
  expect(alpha.body).toContain("alpha revised");

  // Unchanged feed: the ETag comes back, the server answers 304, and the tick runs two statements
  // (the claim and the batched outcome), none for the 304 itself.
  now = new Date(now.getTime() + 600_000);
  const count = db.queries.count;
  const [third] = await p.tick();
  expect(third).toMatchObject({ ok: true, status: 304, items: 0 });
  expect(db.queries.count - count).toBe(2);
  expect(web.log.filter((l) => l.path === "/changing.xml").pop()!.headers["if-none-match"]).toBeTruthy();
  const st = await state(s.id);
  expect(st).toMatchObject({ lastStatus: 304, consecutiveFailures: 0, lastErrorCode: null, itemsStored: 4 });
  expect(new Date(st.nextDueAt).getTime()).toBe(now.getTime() + 600_000);
});

it("backs off after a 500 (exponentially, with jitter), honours Retry-After, and recovers", async () => {
  let mode: "fail" | "busy" | "ok" = "fail";
  web.routes.set("/flaky.xml", (req, res) => {
    if (mode === "fail") {
      res.statusCode = 500;
      return res.end("oops");
    }
    if (mode === "busy") {
      res.statusCode = 429;
      res.setHeader("retry-after", "7200");
      return res.end();
    }
    return feedRoute(() => rss("Flaky", web.url, [{ title: "Flaky recovered", link: `${web.url}/a/flaky` }]))(req, res, "");
  });
  const s = await sources.add({ url: `${web.url}/flaky.xml`, every: "60s" }, "test");
  const p = poller();
  const [o1] = await p.tick();
  expect(o1).toMatchObject({ ok: false, status: 500, errorCode: "HTTP_ERROR" });
  let st = await state(s.id);
  expect(st.consecutiveFailures).toBe(1);
  // 60 s × 2 minus 10 % jitter (random 0.5): 108 s, longer than the interval.
  expect(new Date(st.nextDueAt).getTime() - now.getTime()).toBe(108_000);

  now = new Date(new Date(st.nextDueAt).getTime());
  const [o2] = await p.tick();
  expect(o2!.errorCode).toBe("HTTP_ERROR");
  st = await state(s.id);
  expect(st.consecutiveFailures).toBe(2);
  expect(new Date(st.nextDueAt).getTime() - now.getTime()).toBe(216_000);

  mode = "busy";
  now = new Date(new Date(st.nextDueAt).getTime());
  const [o3] = await p.tick();
  expect(o3).toMatchObject({ ok: false, status: 429, errorCode: "RATE_LIMITED" });
  st = await state(s.id);
  expect(new Date(st.nextDueAt).getTime() - now.getTime()).toBe(7_200_000);

  mode = "ok";
  now = new Date(new Date(st.nextDueAt).getTime());
  const [o4] = await p.tick();
  expect(o4).toMatchObject({ ok: true, status: 200, items: 1 });
  st = await state(s.id);
  expect(st).toMatchObject({ consecutiveFailures: 0, lastErrorCode: null, lastStatus: 200 });
  expect(new Date(st.nextDueAt).getTime() - now.getTime()).toBe(60_000);
});

it("gives each bad source its coded error while the good ones in the same tick are stored", async () => {
  const good = () => rss("Good", web.url, [{ title: "Good news item", link: `${web.url}/a/good` }]);
  web.routes.set("/good.xml", feedRoute(good));
  web.routes.set("/gz.xml", (_req, res) => {
    res.setHeader("content-encoding", "gzip");
    res.setHeader("content-type", "application/rss+xml");
    res.end(gzipSync(rss("Zipped", web.url, [{ title: "Zipped item", link: `${web.url}/a/zipped` }])));
  });
  web.routes.set("/slow.xml", (_req, res) => {
    res.write("<rss>");
    setTimeout(() => res.end("</rss>"), 5000).unref();
  });
  web.routes.set("/huge.xml", (_req, res) => res.end("<rss>" + "x".repeat(2_000_000) + "</rss>"));
  web.routes.set("/page.html", (_req, res) => res.end("<!doctype html><html><body><p>Hello</p></body></html>"));
  web.routes.set("/laughs.xml", (_req, res) =>
    res.end(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>&c;</title><item><title>&c;</title></item></channel></rss>`),
  );
  web.routes.set("/deep.xml", (_req, res) => res.end(`<rss version="2.0"><channel>${"<x>".repeat(5000)}${"</x>".repeat(5000)}</channel></rss>`));
  web.routes.set("/attr.xml", (_req, res) => res.end(`<rss version="2.0"><channel><title a="${"z".repeat(300_000)}">t</title></channel></rss>`));
  web.routes.set("/robots.txt", (_req, res) => res.end("User-agent: *\nDisallow: /blocked/\n"));
  web.routes.set("/blocked/feed.xml", feedRoute(good));

  const add = (path: string) => sources.add({ url: `${web.url}${path}`, every: "10m" }, "test");
  const ids: Record<string, string> = {};
  for (const path of ["/good.xml", "/gz.xml", "/slow.xml", "/huge.xml", "/page.html", "/laughs.xml", "/deep.xml", "/attr.xml", "/blocked/feed.xml", "/missing.xml"]) {
    ids[path] = (await add(path)).id;
  }
  const outcomes = await poller({ policy: testPolicy({ timeoutMs: 500, maxBytes: 1_000_000 }) }).tick();
  expect(outcomes).toHaveLength(10);
  const codes: Record<string, string | null> = {};
  for (const [path, id] of Object.entries(ids)) codes[path] = (await state(id)).lastErrorCode;
  expect(codes).toEqual({
    "/good.xml": null,
    "/gz.xml": null,
    "/slow.xml": "TIMEOUT",
    "/huge.xml": "TOO_LARGE",
    "/page.html": "NOT_A_FEED",
    "/laughs.xml": "HOSTILE_FEED",
    "/deep.xml": "HOSTILE_FEED",
    "/attr.xml": "HOSTILE_FEED",
    "/blocked/feed.xml": "ROBOTS_DISALLOWED",
    "/missing.xml": "HTTP_ERROR",
  });
  expect(web.hits("/blocked/feed.xml")).toBe(0);
  const stored = await db.dataSource.query(`SELECT url FROM articles WHERE url = ANY($1) ORDER BY url`, [[`${web.url}/a/good`, `${web.url}/a/zipped`]]);
  expect(stored).toHaveLength(2);
  web.routes.delete("/robots.txt");
});

it("stores the same item from two feeds once, and never overwrites a draft", async () => {
  const shared = { title: "Shared story", link: `${web.url}/a/shared` };
  web.routes.set(
    "/one.xml",
    feedRoute(() => rss("One", web.url, [shared, { title: "Only in one", link: `${web.url}/a/only-one` }])),
  );
  web.routes.set(
    "/two.xml",
    feedRoute(() => rss("Two", web.url, [shared])),
  );
  await sources.add({ url: `${web.url}/one.xml`, every: "10m" }, "test");
  await sources.add({ url: `${web.url}/two.xml`, every: "10m" }, "test");
  // A draft an editor is working on, at the URL a feed item will carry.
  await db.dataSource.query(`INSERT INTO articles (slug, url, title, body, content_hash, status) VALUES ('draft-x', $1, 'Editor draft', 'Unfinished draft text.', 'draft-hash-x', 'DRAFT')`, [
    `${web.url}/a/drafted`,
  ]);
  web.routes.set(
    "/three.xml",
    feedRoute(() => rss("Three", web.url, [{ title: "Wire copy", link: `${web.url}/a/drafted` }])),
  );
  await sources.add({ url: `${web.url}/three.xml`, every: "10m" }, "test");
  const outcomes = await poller().tick();
  expect(outcomes.every((o) => o.ok)).toBe(true);
  const [shares] = await db.dataSource.query(`SELECT count(*)::int AS n FROM articles WHERE url = $1`, [`${web.url}/a/shared`]);
  expect(shares.n).toBe(1);
  const [draft] = await db.dataSource.query(`SELECT title, body, status FROM articles WHERE url = $1`, [`${web.url}/a/drafted`]);
  expect(draft).toEqual({ title: "Editor draft", body: "Unfinished draft text.", status: "DRAFT" });
});

it("reads the article page of a summary-only item, and reads JSON Feed", async () => {
  web.routes.set("/a/teaser", (_req, res) =>
    res.end(
      `<!doctype html><html lang="en"><head><title>Teaser story</title></head><body><article><h1>Teaser story</h1>${articleBody("teaser")
        .split("\n\n")
        .map((p) => `<p>${p}</p>`)
        .join("")}</article></body></html>`,
    ),
  );
  web.routes.set(
    "/summary.xml",
    feedRoute(() => rss("Summaries", web.url, [{ title: "Teaser story", link: `${web.url}/a/teaser`, summaryOnly: "A short teaser." }])),
  );
  web.routes.set(
    "/feed.json",
    feedRoute(
      () =>
        JSON.stringify({
          version: "https://jsonfeed.org/version/1.1",
          title: "Json Daily",
          home_page_url: web.url,
          items: [
            {
              id: "j1",
              url: `${web.url}/a/json-one`,
              title: "Json one",
              content_html: articleBody("json")
                .split("\n\n")
                .map((p) => `<p>${p}</p>`)
                .join(""),
              date_published: "2026-12-07T08:00:00Z",
            },
          ],
        }),
      "application/feed+json",
    ),
  );
  await sources.add({ url: `${web.url}/summary.xml`, every: "10m" }, "test");
  await sources.add({ url: `${web.url}/feed.json`, every: "10m" }, "test");
  const outcomes = await poller().tick();
  expect(outcomes.map((o) => [o.ok, o.items])).toEqual([
    [true, 1],
    [true, 1],
  ]);
  const [teaser] = await db.dataSource.query(`SELECT body, summary, (SELECT count(*)::int FROM quotes q WHERE q.article_id = a.id) AS quotes FROM articles a WHERE url = $1`, [
    `${web.url}/a/teaser`,
  ]);
  expect(teaser.body).toContain("housing minister");
  expect(teaser.summary).toBe("A short teaser.");
  expect(teaser.quotes).toBeGreaterThanOrEqual(2);
  const [json] = await db.dataSource.query(`SELECT title FROM articles WHERE url = $1`, [`${web.url}/a/json-one`]);
  expect(json.title).toBe("Json one");
});

it("keeps at most perHost fetches at once to one host", async () => {
  let active = 0;
  let peak = 0;
  for (let i = 0; i < 6; i++) {
    web.routes.set(`/host-${i}.xml`, async (_req, res) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 100));
      active--;
      res.setHeader("content-type", "application/rss+xml");
      res.end(rss("Host", web.url, []).replace("<language>en</language>", ""));
    });
    await sources.add({ url: `${web.url}/host-${i}.xml`, every: "10m" }, "test");
  }
  const outcomes = await poller({ concurrency: 6, perHost: 2 }).tick();
  expect(outcomes).toHaveLength(6);
  expect(outcomes.every((o) => o.ok)).toBe(true);
  expect(peak).toBe(2);
});
