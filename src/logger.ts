// The process logger: structured JSON (pino), or readable lines (pino-pretty) for a person at a
// terminal. Secrets and comment bodies never go in.
import pino, { type Logger } from "pino";

export type LogFormat = "json" | "pretty" | "auto";

const REDACT = { paths: ["req.headers.authorization", "headers.authorization", "*.password", "*.token", "DATABASE_URL", "ADMIN_API_KEY"], censor: "***" };

/** `auto`: readable lines when standard output is a terminal, JSON otherwise (pipes, files, log collectors). */
export function resolveLogFormat(format: LogFormat, isTTY = Boolean(process.stdout.isTTY)): "json" | "pretty" {
  return format === "auto" ? (isTTY ? "pretty" : "json") : format;
}

export function createLogger(level: string, format: LogFormat = "json"): Logger {
  const options = { level, base: { service: "newsgraph" }, redact: REDACT };
  if (resolveLogFormat(format) === "json") return pino(options);
  // Loaded only when wanted; a synchronous stream in this thread (no transport worker), so the last lines
  // before process.exit are written.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require("pino-pretty") as typeof import("pino-pretty");
  const stream = pretty({
    colorize: Boolean(process.stdout.isTTY),
    sync: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,service",
    singleLine: true,
  });
  return pino(options, stream);
}
