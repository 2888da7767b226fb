// Times `ingest` of generated articles into the PostgreSQL server at DATABASE_URL: parse, extract and
// store, one transaction per article, several at once (as `newsgraph ingest` does on a server).
// Target: ≥ 200 articles/second for 10,000 articles. Uses (and recreates) the database newsgraph_ingest_bench.
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { openDatabase } from "../src/db/database";
import { ExtractPool } from "../src/ingest/extract-pool";
import { extractInput, storeWithRetry } from "../src/ingest/ingest.service";
import { syntheticArticle } from "./extract.bench";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
// Extraction worker threads, as `ingest` uses them on a server (0: extract on the main thread).
const EXTRACT_WORKERS = Number(process.env.BENCH_EXTRACT_WORKERS ?? 1);
const TARGET_RATE = 200;

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

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("set DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test)");
  const db = await openDatabase({ url: await recreate(serverUrl, "newsgraph_ingest_bench"), poolSize: CONCURRENCY });
  const pool = EXTRACT_WORKERS > 0 ? new ExtractPool(EXTRACT_WORKERS) : null;
  try {
    const inputs = Array.from({ length: ARTICLES }, (_, i) => syntheticArticle(i));
    let next = 0;
    let quotes = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < inputs.length) {
        const input = inputs[next++];
        const docs = pool ? await pool.extract(input, { format: "text" }) : extractInput(input, { format: "text" });
        for (const doc of docs) {
          // Not `quotes += await …`: that reads `quotes` before the await and loses the other workers' counts.
          const stored = await storeWithRetry(db.dataSource, doc);
          quotes += stored.quotes;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    const [{ n, q }] = await db.dataSource.query(`SELECT (SELECT count(*)::int FROM articles) AS n, (SELECT count(*)::int FROM quotes) AS q`);
    const rate = ARTICLES / seconds;
    console.log(`articles:    ${ARTICLES} generated, ${n} stored, ${quotes} quotes extracted, ${q} stored, ${CONCURRENCY} at once, ${EXTRACT_WORKERS} extraction workers`);
    console.log(`SQL:         ${db.queries.count} statements (${(db.queries.count / ARTICLES).toFixed(1)} per article)`);
    console.log(`ingest:      ${seconds.toFixed(1)} s → ${rate.toFixed(0)} articles/second (target ≥ ${TARGET_RATE})`);
    if (n !== ARTICLES) throw new Error(`stored ${n} articles, expected ${ARTICLES}`);
    if (q !== quotes) throw new Error(`stored ${q} quotes, extracted ${quotes}`);
    if (rate < TARGET_RATE) process.exitCode = 1;
  } finally {
    await pool?.close();
    await db.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
