// `npm run bench:topology`: the router's and load balancer's cost per request, from one run. The article
// page (a) and the front page (b) against one newsgraph process alone, against HAProxy in front of two
// processes, and against Hive Gateway in front of that (the topology of docs/deploy.md, started by
// tests/support/topology.ts), on a small generated corpus in a database of its own.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:topology -- [--articles 500] [--seconds 10] [--connections 16]
//
// Everything runs on this one machine (the load generator too), so the ratios say what the extra hops
// cost here, not what separate machines would see.
import { randomBytes } from "node:crypto";
import { execSync } from "node:child_process";
import autocannon from "autocannon";
import { Client } from "pg";
import { openDatabase } from "../src/db/database";
import { generateCorpus } from "./corpus/corpus";
import { startTopology, topologyUnavailable } from "../tests/support/topology";
import { operation } from "../tests/support/operations";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Row {
  scenario: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(url: string, body: () => string, seconds: number, connections: number): Promise<Omit<Row, "scenario" | "path">> {
  let errors = 0;
  const run = (duration: number) =>
    autocannon({
      url,
      connections,
      duration,
      timeout: 10,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          setupRequest: (req) => ({ ...req, body: body() }),
          onResponse: (status, text) => {
            if (status !== 200 || text.includes('"errors":[')) errors++;
          },
        },
      ],
    });
  await run(2); // warm-up: plans, prepared statements, connections
  errors = 0;
  const r = await run(seconds);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: errors + r.errors + r.non2xx };
}

async function main(): Promise<void> {
  const unavailable = topologyUnavailable();
  if (unavailable) throw new Error(`cannot run: ${unavailable}`);
  const articles = arg("articles", 500);
  const seconds = arg("seconds", 10);
  const connections = arg("connections", 16);
  const server = process.env.DATABASE_URL!;
  const name = `ng_topology_bench_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    const db = await openDatabase({ url: url.toString(), poolSize: 4 });
    await generateCorpus(db.dataSource, { articles });
    const slugs = ((await db.dataSource.query(`SELECT slug FROM articles WHERE status = 'PUBLISHED' LIMIT 1000`)) as Array<{ slug: string }>).map((r) => r.slug);
    await db.close();
    const t = await startTopology(url.toString());
    try {
      const targets: Array<[string, string]> = [
        ["newsgraph alone (1 process)", `${t.newsgraph[0].url}/graphql`],
        ["HAProxy + 2 processes", t.balancerUrl],
        ["Hive Gateway + HAProxy + 2 processes", t.routerUrl],
      ];
      const [articlePage, frontPage] = [operation("article-page"), operation("front-page")];
      const scenarios: Array<[string, () => string]> = [
        ["(a) article page", () => JSON.stringify({ query: articlePage, variables: { slug: slugs[Math.floor(Math.random() * slugs.length)] } })],
        ["(b) front page", () => JSON.stringify({ query: frontPage, variables: {} })],
      ];
      const rows: Row[] = [];
      for (const [scenario, body] of scenarios) {
        for (const [path, target] of targets) {
          const r = await measure(target, body, seconds, connections);
          rows.push({ scenario, path, ...r });
          console.error(`${scenario} via ${path}: ${r.rps.toFixed(0)} rps`);
        }
      }
      console.log(`\nTopology benchmark: ${articles} articles, ${seconds} s per run at ${connections} connections, after a 2 s warm-up`);
      console.log(`load: ${execSync("uptime").toString().trim()}\n`);
      console.log("| scenario | path | rps | p50 ms | p99 ms | errors |\n| --- | --- | --- | --- | --- | --- |");
      for (const r of rows) console.log(`| ${r.scenario} | ${r.path} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
      console.log("");
      for (const [scenario] of scenarios) {
        const [alone, lb, router] = rows.filter((r) => r.scenario === scenario);
        console.log(
          `${scenario}: throughput router/alone ${(router.rps / alone.rps).toFixed(2)}×, router/LB ${(router.rps / lb.rps).toFixed(2)}×; ` +
            `p50 latency router/alone ${(router.p50 / alone.p50).toFixed(2)}×, router/LB ${(router.p50 / lb.p50).toFixed(2)}×`,
        );
      }
    } finally {
      await t.stop();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
