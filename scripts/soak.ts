// `npm run soak [-- --count 50000 --concurrency 16 --seed 1 --max-old-space 256]`: starts `newsgraph serve` as a child
// (embedded database in a temp folder, or DATABASE_URL's server), sends hostile and malformed requests
// from tests/support/hostile-requests.ts and tests/support/hostile-shapes.ts, and reports the answers by status and code, the failures
// (anything but a well-formed GraphQL response, any 5xx), whether the process stayed up, and its
// peak resident memory (sampled from /proc every 250 ms). `--max-old-space MiB` runs the server with
// that V8 heap cap (as `NODE_OPTIONS=--max-old-space-size=…` would in production): memory that only
// grew until the end would crash it, so passing under a cap shows memory is bounded.
import "reflect-metadata";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNewsSchema } from "../src/graphql/schema";
import { hostileRequests, runHostile } from "../tests/support/hostile-requests";
import { projectPath } from "../src/paths";
import { startChildServer } from "../tests/support/child-server";
import { sendHostileShapes } from "../tests/support/hostile-shapes";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The server's JavaScript heap in use and its memory outside the heap (WebAssembly, buffers), from /metrics. */
async function serverMemory(url: string): Promise<{ heap: number; external: number } | null> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? Number.NaN);
    return { heap: value("newsgraph_nodejs_heap_size_used_bytes"), external: value("newsgraph_nodejs_external_memory_bytes") };
  } catch {
    return null;
  }
}

const mib = (bytes: number) => +(bytes / 2 ** 20).toFixed(1);

async function main(): Promise<void> {
  const count = arg("count", 50_000);
  const concurrency = arg("concurrency", 16);
  const seed = arg("seed", 1);
  const adminKey = "soak-admin-key-0123456789abcdef";
  const dataDir = mkdtempSync(join(tmpdir(), "ng-soak-"));
  const maxOldSpace = arg("max-old-space", 0);
  const heapCap: Record<string, string> = maxOldSpace ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${maxOldSpace}`.trim() } : {};
  const server = await startChildServer({ DATA_DIR: dataDir, ADMIN_API_KEY: adminKey, LOG_LEVEL: "info", SEED_ON_EMPTY: "true", NODE_ENV: "production", ...heapCap }, 300_000);
  const pid = server.child.pid!;
  let peakRss = rssOf(pid);
  const startRss = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 250);
  const schema = await buildNewsSchema();
  const dir = projectPath("schema", "operations");
  const valid = readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => readFileSync(join(dir, f), "utf8"));
  const started = Date.now();
  let peakHeap = 0;
  let peakExternal = 0;
  console.log(
    `soak: ${count} hostile requests, ${concurrency} at a time, against ${server.url} (pid ${pid}, RSS ${(startRss / 2 ** 20).toFixed(0)} MiB` +
      (maxOldSpace ? `, heap capped at ${maxOldSpace} MiB)` : ")"),
  );
  const report = await runHostile(server.url, hostileRequests({ schema, count, seed, validDocuments: valid, identities: [{}, { "x-admin-key": adminKey }] }), {
    concurrency,
    maxFailures: 20,
    onProgress: (n) => {
      if (n % 5000 !== 0) return;
      void serverMemory(server.url).then((m) => {
        if (m) {
          peakHeap = Math.max(peakHeap, m.heap);
          peakExternal = Math.max(peakExternal, m.external);
        }
        console.log(
          `  ${n} sent, ${((Date.now() - started) / 1000).toFixed(0)} s, RSS ${mib(rssOf(pid)).toFixed(0)} MiB` +
            (m ? `, heap ${mib(m.heap).toFixed(0)} MiB, external ${mib(m.external).toFixed(0)} MiB` : ""),
        );
      });
    },
  });
  // Issue 17's shapes: repeated _entities representations, oversized WebSocket frames, many
  // subscriptions on one socket, pathological ingest inputs.
  const seeded = (await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ articles(first: 1) { edges { node { id } } } }" }),
  })
    .then((r) => r.json())
    .catch(() => null)) as { data?: { articles?: { edges?: Array<{ node: { id: string } }> } } } | null;
  const shapesStarted = Date.now();
  const shapes = await sendHostileShapes(server.url, adminKey, seeded?.data?.articles?.edges?.[0]?.node.id ?? null);
  const shapesSeconds = Math.round((Date.now() - shapesStarted) / 1000);
  clearInterval(sampler);
  const alive =
    server.child.exitCode === null &&
    (await fetch(`${server.url}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false));
  const endRss = rssOf(pid);
  console.log(
    JSON.stringify(
      {
        sent: report.sent,
        seconds: Math.round((Date.now() - started) / 1000),
        byStatus: report.byStatus,
        byCode: report.byCode,
        fiveXX: report.fiveXX + shapes.fiveXX,
        issue17Shapes: { seconds: shapesSeconds, outcomes: shapes.outcomes, fiveXX: shapes.fiveXX },
        failures: report.failures.length,
        processAlive: alive,
        rssMiB: { start: mib(startRss), peak: mib(peakRss), end: mib(endRss) },
        // Sampled every 5,000 requests: the JavaScript heap, and memory outside it (the embedded database's WebAssembly memory).
        serverMiB: { peakHeap: mib(peakHeap), peakExternal: mib(peakExternal) },
      },
      null,
      2,
    ),
  );
  for (const f of report.failures) console.log(`FAIL ${f.kind}: ${f.problem}\n     ${f.request.slice(0, 300)}`);
  server.child.kill("SIGTERM");
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
  if (report.failures.length || report.fiveXX || shapes.fiveXX || !alive) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
