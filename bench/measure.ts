// Running one server under load: start and stop its process, sample its memory, count the SQL
// transactions it makes, and drive it with autocannon.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import autocannon from "autocannon";
import type { Params, Request, Scenario, Target } from "./targets";

// autocannon reports p97.5 but not p95; its percentile list is a plain exported array, so add 95.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hdrPercentiles: { percentiles: number[] } = require(require.resolve("hdr-histogram-percentiles-obj", { paths: [dirname(require.resolve("autocannon"))] }));
if (!hdrPercentiles.percentiles.includes(95)) hdrPercentiles.percentiles.push(95);

export interface RunningServer {
  target: Target;
  proc: ChildProcess;
  url: string;
  /** SQL statements the server has sent so far (counted inside it by sql-counter.ts). */
  sqlCount(): Promise<number>;
  stop(): Promise<void>;
}

const SQL_COUNTER = join(__dirname, "sql-counter.js");

export async function startServer(target: Target, env: NodeJS.ProcessEnv, probe: () => Request): Promise<RunningServer> {
  const { cmd, args, cwd } = target.command();
  const counterPort = target.port + 10;
  const proc = spawn(cmd, ["--require", SQL_COUNTER, ...args], {
    cwd,
    env: { ...process.env, ...env, ...target.env, PORT: String(target.port), SQL_COUNTER_PORT: String(counterPort) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${target.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${target.name} exited (${proc.exitCode}) while starting:\n${stderr}`);
    try {
      const { path, body, method, headers } = probe();
      const res = await fetch(url + path, { method: method ?? "POST", headers: headers ?? { "content-type": "application/json" }, body });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`${target.name} did not answer within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    target,
    proc,
    url,
    sqlCount: async () => Number(await (await fetch(`http://127.0.0.1:${counterPort}/`)).text()),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        const force = setTimeout(() => proc.kill("SIGKILL"), 5000);
        proc.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        proc.kill("SIGTERM");
      }),
  };
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's resident memory every 100 ms; `stop()` gives the peak seen (MB). */
export function sampleRss(pid: number): { stop(): number } {
  let peak = statusKb(pid, "VmRSS");
  const timer = setInterval(() => (peak = Math.max(peak, statusKb(pid, "VmRSS"))), 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, statusKb(pid, "VmRSS")) / 1024;
    },
  };
}

/** The process's all-time peak resident memory (MB), from the kernel's high-water mark. */
export const peakRss = (pid: number) => statusKb(pid, "VmHWM") / 1024;

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Socket errors, timeouts, non-2xx answers and GraphQL `errors` in a 2xx answer. */
  errors: number;
  firstError?: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Fixed arrival rate (requests per second over all connections); closed loop when absent. */
  rate?: number;
  /** How each request is made (default: the target's request for the scenario). */
  request?: (variables: Record<string, unknown>) => Request;
}

/** One autocannon run against a server for a scenario; every request gets fresh random variables. */
export async function load(server: RunningServer, scenario: Scenario, params: Params, options: LoadOptions): Promise<LoadResult> {
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const result = await autocannon({
    url: server.url,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    timeout: 10,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => {
          const vars = scenario.variables(params);
          const r = options.request ? options.request(vars) : server.target.request(scenario.name, vars);
          return { ...req, path: r.path, body: r.body, method: r.method ?? "POST", headers: r.headers ?? { "content-type": "application/json" } };
        },
        onResponse: (status, body) => {
          if (status === 200 && body.startsWith('{"errors"')) {
            graphqlErrors++;
            firstError ??= body.slice(0, 300);
          } else if (status === 200 && body.includes('"errors":[')) {
            graphqlErrors++;
            firstError ??= body.slice(body.indexOf('"errors":['), body.indexOf('"errors":[') + 300);
          } else if (status !== 200) firstError ??= `HTTP ${status}: ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.total / options.seconds,
    p50: result.latency.p50,
    p95: (result.latency as unknown as Record<string, number>).p95,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    firstError,
  };
}
