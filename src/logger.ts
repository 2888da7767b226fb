// The process logger: structured JSON (pino). Secrets and comment bodies never go in.
import pino, { type DestinationStream, type Logger } from "pino";

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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "newsgraph" },
      redact: { paths: ["req.headers.authorization", "headers.authorization", "*.password", "*.token", "DATABASE_URL", "ADMIN_API_KEY"], censor: "***" },
      serializers: { err: errWithoutUserData },
    },
    destination as DestinationStream,
  );
}
