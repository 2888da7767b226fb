// Preloaded into each benchmarked server (`node --require dist/bench/sql-counter.js …`): counts the
// SQL statements the server sends through `pg` (every Client#query call, pools included) and serves
// the count at http://127.0.0.1:$SQL_COUNTER_PORT/. The same measure for all three servers, taken
// inside their own processes. With SQL_LOG=1 it also prints each statement and its time to stderr.
import { createServer } from "node:http";
import type * as Pg from "pg";

const port = Number(process.env.SQL_COUNTER_PORT ?? 0);
const logEach = process.env.SQL_LOG === "1";
let count = 0;

// The server's own copy of pg, resolved from where it runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require(require.resolve("pg", { paths: [process.cwd()] })) as typeof Pg;
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
  count++;
  if (!logEach) return original.apply(this, args);
  const started = process.hrtime.bigint();
  const sql = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string })?.text ?? "?");
  const done = () => process.stderr.write(`[sql ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms] ${sql.replace(/\s+/g, " ").slice(0, 100_000)}\n`);
  // pg's Pool#query calls the client with a callback (and gets no promise back).
  const last = args.length - 1;
  if (typeof args[last] === "function") {
    const callback = args[last] as (...a: unknown[]) => unknown;
    args[last] = (...a: unknown[]) => {
      done();
      return callback(...a);
    };
  }
  const result = original.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(done, done);
  return result;
} as typeof pg.Client.prototype.query;

if (port) {
  createServer((_req, res) => res.end(String(count)))
    .listen(port, "127.0.0.1")
    .unref();
}
