// Several processes on one PostgreSQL database: two `serve` and a `worker` poll the same sources
// (each source fetched once per interval, each item stored once), and a worker SIGKILLed in the middle
// of webhook deliveries loses nothing (a restarted one sends the rest). The embedded database is one
// process's own, so these are skipped there (with the reason printed).
import { spawn, type ChildProcess } from "node:child_process";
import { ingestContent } from "../../src/ingest/ingest.service";
import { projectPath } from "../../src/paths";
import { SourceService } from "../../src/sources/source.service";
import { WatchService } from "../../src/webhooks/watch.service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { articleBody, feedRoute, rss, startFakeWeb, waitFor, type FakeWeb } from "./support";

const onServer = Boolean(process.env.DATABASE_URL);
if (!onServer) console.log("processes.test: skipped on the embedded database (one process owns it); set DATABASE_URL to run it");
const maybe = onServer ? describe : describe.skip;

interface Child {
  child: ChildProcess;
  lines: string[];
  exited: Promise<unknown>;
}

function start(command: "serve" | "worker", url: string, env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(process.execPath, [projectPath("bin", "newsgraph.js"), command], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      SEED_ON_EMPTY: "false",
      SOURCES_ALLOW_PRIVATE: "true",
      SOURCES_TICK_MS: "100",
      SHUTDOWN_GRACE_MS: "0",
      DB_POOL_SIZE: "4",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.stderr!.on("data", (c: Buffer) => lines.push(c.toString()));
  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start:\n${lines.join("\n")}`)), 60_000);
    child.stdout!.on("data", (c: Buffer) => {
      for (const line of c.toString().split("\n")) {
        if (!line) continue;
        lines.push(line);
        if (/"msg":"(newsgraph is ready|newsgraph worker is running)"/.test(line)) {
          clearTimeout(timer);
          resolve({ child, lines, exited });
        }
      }
    });
    void exited.then(() => reject(new Error(`${command} exited:\n${lines.join("\n")}`)));
  });
}

async function stop(c: Child, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return;
  c.child.kill(signal);
  await c.exited;
}

maybe("several processes on one database", () => {
  let db: TestDatabase;
  let web: FakeWeb;
  const children: Child[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    web = await startFakeWeb();
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => stop(c, "SIGKILL")));
    await web.close();
    await db.close();
  });

  it("two serve processes and a worker fetch each source once per interval and store each item once", async () => {
    const FEEDS = 12;
    const item = (i: number) => ({ title: `Shared item ${i}`, link: `${web.url}/item/${i}`, body: articleBody(`item ${i}`) });
    for (let f = 0; f < FEEDS; f++) {
      // Feed f carries items f..f+4: most items are in several feeds.
      const handler = feedRoute(() =>
        rss(
          `Feed ${f}`,
          web.url,
          [0, 1, 2, 3, 4].map((k) => item(f + k)),
        ),
      );
      web.routes.set(`/feed/${f}.xml`, async (req, res, body) => {
        await new Promise((r) => setTimeout(r, 30));
        return handler(req, res, body);
      });
    }
    children.push(await start("serve", db.url!), await start("serve", db.url!), await start("worker", db.url!));
    const sources = new SourceService(db.dataSource, { allowPrivate: true, minIntervalSeconds: 1 });
    for (let f = 0; f < FEEDS; f++) await sources.add({ url: `${web.url}/feed/${f}.xml`, every: "1h" }, "test");
    await waitFor(
      async () => {
        const [r] = await db.dataSource.query(`SELECT count(*)::int AS n FROM sources WHERE last_success_at IS NOT NULL`);
        return r.n === FEEDS;
      },
      "every source polled",
      60_000,
    );
    // Many more ticks of all three processes: nothing is due again within the hour.
    await new Promise((r) => setTimeout(r, 1500));
    for (let f = 0; f < FEEDS; f++) expect([f, web.hits(`/feed/${f}.xml`)]).toEqual([f, 1]);
    const rows: Array<{ url: string; n: number }> = await db.dataSource.query(`SELECT url, count(*)::int AS n FROM articles GROUP BY url ORDER BY url`);
    expect(rows).toHaveLength(FEEDS + 4);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [dupes] = await db.dataSource.query(`SELECT count(*)::int AS n FROM (SELECT article_id, text_hash FROM quotes GROUP BY 1, 2 HAVING count(*) > 1) d`);
    expect(dupes.n).toBe(0);
    await Promise.all(children.splice(0).map((c) => stop(c)));
  });

  it("a worker SIGKILLed in the middle of deliveries loses none: a new one sends the rest", async () => {
    const received = new Map<string, number>();
    web.routes.set("/receiver", async (req, res) => {
      await new Promise((r) => setTimeout(r, 100));
      const id = String(req.headers["webhook-id"]);
      received.set(id, (received.get(id) ?? 0) + 1);
      res.end("ok");
    });
    const watches = new WatchService(db.dataSource, true);
    await watches.create({ id: "kill-test", admin: false }, { url: `${web.url}/receiver` });
    for (let i = 0; i < 15; i++) {
      await ingestContent(db.dataSource, JSON.stringify({ article: { title: `Killed ${i}`, url: `https://kill.example/${i}`, body: articleBody(`killed ${i}`) } }), { format: "json" });
    }
    const [{ total }] = await db.dataSource.query(`SELECT count(*)::int AS total FROM webhook_deliveries`);
    expect(total).toBeGreaterThanOrEqual(30);
    const env = { SOURCES_POLL: "false", WEBHOOK_CONCURRENCY: "2", WEBHOOK_TIMEOUT_MS: "500" };
    const first = await start("worker", db.url!, env);
    await waitFor(() => received.size >= 5, "some deliveries", 30_000);
    await stop(first, "SIGKILL");
    const [mid] = await db.dataSource.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'DELIVERED'`);
    expect(mid.n).toBeLessThan(total);
    const second = await start("worker", db.url!, env);
    children.push(second);
    await waitFor(
      async () => {
        const [r] = await db.dataSource.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'DELIVERED'`);
        return r.n === total;
      },
      "every delivery delivered",
      60_000,
    );
    const ids: Array<{ id: string }> = await db.dataSource.query(`SELECT id FROM webhook_deliveries`);
    // At least once: every delivery reached the receiver. Repeats are at most the batch the killed worker
    // had claimed (WEBHOOK_CONCURRENCY × 4: results are written per batch), and receivers drop them by id.
    expect(ids.every((r) => (received.get(r.id) ?? 0) >= 1)).toBe(true);
    expect([...received.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(8);
    await stop(second);
  });
});
