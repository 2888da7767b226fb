// Runs `node bin/newsgraph.js serve` as a child process (its own DATA_DIR or DATABASE_URL), for the
// tests that kill, restart or signal the server.
import { spawn, type ChildProcess } from "node:child_process";
import { projectPath } from "../../src/paths";

export interface ChildServer {
  child: ChildProcess;
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Log lines (JSON) written so far (the most recent ones on long runs). */
  lines: string[];
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `newsgraph serve`; a variable given as `undefined` is removed from the child's environment. */
export async function startChildServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<ChildServer> {
  const childEnv: Record<string, string | undefined> = { ...process.env, NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", SHUTDOWN_GRACE_MS: "500", ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [projectPath("bin", "newsgraph.js"), "serve"], {
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // never leave a half-started server behind
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${lines.join("\n")}`));
    }, timeoutMs);
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (lines.length > 2000) lines.splice(0, lines.length - 1000); // long runs: keep the recent ones
        try {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === "newsgraph is ready" && entry.url) {
            clearTimeout(timer);
            resolve(entry.url.replace(/\/graphql$/, ""));
          }
        } catch {
          // not JSON
        }
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => lines.push(chunk.toString("utf8")));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before it was ready:\n${lines.join("\n")}`));
    });
  });
  return { child, url, lines, exited };
}
