// The process logger: structured JSON (pino). Secrets and comment bodies never go in.
import pino, { type Logger } from "pino";

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "newsgraph" },
    redact: { paths: ["req.headers.authorization", "headers.authorization", "*.password", "*.token", "DATABASE_URL", "ADMIN_API_KEY"], censor: "***" },
  });
}
