// The process logger: structured JSON (pino), or readable lines (pino-pretty) for a person at a
// terminal. Secrets and comment bodies never go in.
import pino, { type DestinationStream, type Logger } from "pino";
import type PinoPretty from "pino-pretty";

export type LogFormat = "json" | "pretty" | "auto";

const REDACT = { paths: ["req.headers.authorization", "headers.authorization", "*.password", "*.token", "DATABASE_URL", "ADMIN_API_KEY"], censor: "***" };

/**
 * Properties of errors that carry user data and never reach the log: a failed statement's bound
 * `parameters` (comment bodies, names, search text …) and PostgreSQL's `detail`/`where`, which quote the
 * offending values. TypeORM's QueryFailedError copies them onto itself and keeps the driver's error too.
 */
const USER_DATA = ["parameters", "detail", "where", "driverError"] as const;

/** pino's error serializer, without the properties above (also inside `cause`). */
export function errWithoutUserData(err: unknown): Record<string, unknown> {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  const strip = (o: Record<string, unknown> | undefined, depth: number) => {
    if (!o || typeof o !== "object" || depth > 5) return;
    for (const key of USER_DATA) delete o[key];
    strip(o.cause as Record<string, unknown> | undefined, depth + 1);
  };
  strip(out, 0);
  return out;
}

/** `auto`: readable lines when standard output is a terminal, JSON otherwise (pipes, files, log collectors). */
export function resolveLogFormat(format: LogFormat, isTTY = Boolean(process.stdout.isTTY)): "json" | "pretty" {
  return format === "auto" ? (isTTY ? "pretty" : "json") : format;
}

/** A logger at `level` in `format`; `destination` (JSON only) replaces standard output, for tests. */
export function createLogger(level: string, format: LogFormat = "json", destination?: DestinationStream): Logger {
  const options = { level, base: { service: "newsgraph" }, redact: REDACT, serializers: { err: errWithoutUserData } };
  if (resolveLogFormat(format) === "json") return destination ? pino(options, destination) : pino(options);
  // Loaded only when wanted; a synchronous stream in this thread (no transport worker), so the last lines
  // before process.exit are written.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require("pino-pretty") as typeof PinoPretty;
  const stream = pretty({
    colorize: Boolean(process.stdout.isTTY),
    sync: true,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,service",
    singleLine: true,
  });
  return pino(options, stream);
}
