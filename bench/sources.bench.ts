// Live sources and quotes out, measured against a local web on 127.0.0.1 and the PostgreSQL server at
// DATABASE_URL (database newsgraph_sources_bench, recreated):
//   (a) one process polls BENCH_FEEDS feeds of BENCH_ITEMS items (default 200 × 50): new items stored
//       per second (target ≥ 100/s), then a second round where every feed answers 304: SQL statements
//       per 304 (target: none of its own; each tick's claim and batched outcome are shared);
//   (b) the webhook outbox those items filled (one matching quote per item: 10,000 by default) sent to a
//       local receiver: deliveries per second (target ≥ 500/s) and deliveries lost (target 0).
// Run: npm run build && DATABASE_URL=postgres://… node dist/bench/sources.bench.js
import "reflect-metadata";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import pino from "pino";
import { openDatabase } from "../src/db/database";
import { SourcePoller } from "../src/sources/poller";
import { WebhookDeliverer } from "../src/webhooks/deliverer";

const FEEDS = Number(process.env.BENCH_FEEDS ?? 200);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WEBHOOK_CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 64);

async function recreate(serverUrl: string, name: string): Promise<string> {
  const c = new Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function body(f: number, i: number): string {
  const tag = `f${f}i${i}`;
  return [
    `<p>The council met on Tuesday to discuss plan ${tag} for the city centre, which has divided residents for months.</p>`,
    `<p>"We will build the homes this city needs under plan ${tag}," said Jane Okafor, the housing minister.</p>`,
    `<p>Critics were not convinced. "Plan ${tag} is a promise without money behind it," said Tom Reyes, the opposition leader.</p>`,
    `<p>The vote on plan ${tag} is expected next month, after a public consultation that opens on Monday.</p>`,
  ].join("");
}

function feed(base: string, f: number): string {
  const items = Array.from(
    { length: ITEMS },
    (_, i) =>
      `<item><title>Story ${f}-${i}</title><link>${base}/a/${f}/${i}</link><guid>${base}/a/${f}/${i}</guid><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate><content:encoded><![CDATA[${body(f, i)}]]></content:encoded></item>`,
  ).join("");
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench ${f}</title><link>${base}</link>${items}</channel></rss>`;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("set DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test)");
  const db = await openDatabase({ url: await recreate(serverUrl, "newsgraph_sources_bench"), poolSize: CONCURRENCY + 2 });
  const received = new Map<string, number>();
  let base = "";
  const web = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? "");
      if (m) {
        const etag = `"bench-${m[1]}"`;
        if (req.headers["if-none-match"] === etag) {
          res.statusCode = 304;
          return res.end();
        }
        res.setHeader("etag", etag);
        res.setHeader("content-type", "application/rss+xml");
        return res.end(feed(base, Number(m[1])));
      }
      if (req.url === "/hook") {
        const id = String(req.headers["webhook-id"]);
        received.set(id, (received.get(id) ?? 0) + 1);
        res.statusCode = 204;
        return res.end();
      }
      res.statusCode = 404;
      res.end();
    });
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  const logger = pino({ level: "warn" });
  const policy = { allowPrivate: true, userAgent: "newsgraph-bench", connectTimeoutMs: 5000, timeoutMs: 30_000, maxBytes: 20_000_000, maxRedirects: 3 };
  try {
    // One watch matching one quote per item (the minister's).
    await db.dataSource.query(`INSERT INTO watches (owner_id, words, url, secret) VALUES ('bench', 'homes this city needs', $1, $2)`, [
      `${base}/hook`,
      `whsec_${Buffer.alloc(32, 7).toString("base64")}`,
    ]);
    await db.dataSource.query(`INSERT INTO sources (url, interval_seconds) SELECT $1 || '/feed/' || g || '.xml', 3600 FROM generate_series(0, $2 - 1) g`, [base, FEEDS]);
    // All feeds are on one host here: the per-host limit is the process's concurrency.
    const poller = new SourcePoller({ ds: db.dataSource, policy, logger, concurrency: CONCURRENCY, perHost: CONCURRENCY, maxBackoffSeconds: 3600 });

    let started = performance.now();
    let items = 0;
    for (;;) {
      const outcomes = await poller.tick();
      if (!outcomes.length) break;
      items += outcomes.reduce((n, o) => n + o.items, 0);
      const failed = outcomes.filter((o) => !o.ok);
      if (failed.length) console.log(`failed polls: ${failed.map((o) => o.errorCode).join(", ")}`);
    }
    const pollSeconds = (performance.now() - started) / 1000;
    console.log(`(a) ${FEEDS} feeds × ${ITEMS} items: ${items} items stored in ${pollSeconds.toFixed(1)} s = ${(items / pollSeconds).toFixed(0)} items/s (target ≥ 100/s)`);

    await db.dataSource.query(`UPDATE sources SET next_due_at = now() - interval '1 second'`);
    const before = db.queries.count;
    let notModified = 0;
    let ticks = 0;
    started = performance.now();
    for (;;) {
      const outcomes = await poller.tick();
      if (!outcomes.length) break;
      ticks++;
      notModified += outcomes.filter((o) => o.status === 304).length;
    }
    const statements = db.queries.count - before;
    console.log(
      `(a) second round: ${notModified} × 304 in ${((performance.now() - started) / 1000).toFixed(2)} s, ${statements} SQL statements over ${ticks} ticks ` +
        `(${ticks} claims + ${ticks} batched outcomes + ${Math.max(0, statements - 2 * ticks - 1)} other; ${((statements - 2 * ticks - 1) / Math.max(1, notModified)).toFixed(2)} per 304 of its own)`,
    );

    const [{ total }] = await db.dataSource.query(`SELECT count(*)::int AS total FROM webhook_deliveries`);
    const deliverer = new WebhookDeliverer({
      ds: db.dataSource,
      policy: { ...policy, timeoutMs: 10_000, maxBytes: 65_536 },
      logger,
      concurrency: WEBHOOK_CONCURRENCY,
      maxAgeSeconds: 86_400,
    });
    started = performance.now();
    while ((await deliverer.tick()) > 0);
    const sendSeconds = (performance.now() - started) / 1000;
    const [{ delivered }] = await db.dataSource.query(`SELECT count(*)::int AS delivered FROM webhook_deliveries WHERE status = 'DELIVERED'`);
    const ids: Array<{ id: string }> = await db.dataSource.query(`SELECT id FROM webhook_deliveries`);
    const lost = ids.filter((r) => !received.has(r.id)).length;
    console.log(
      `(b) ${total} deliveries: ${delivered} delivered in ${sendSeconds.toFixed(1)} s = ${(delivered / sendSeconds).toFixed(0)}/s (target ≥ 500/s), ${lost} lost, ${[...received.values()].filter((n) => n > 1).length} sent twice`,
    );
  } finally {
    web.closeAllConnections();
    web.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
