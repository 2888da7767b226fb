// The one place that decides whether an error means "the database is away" (refused, reset, killed,
// restarting, pool timeout) rather than a bug: those reach clients as SERVICE_UNAVAILABLE.
import { ServiceUnavailableError } from "../errors";

// SQLSTATE classes and codes of a lost or refused connection, or of a server shutting down or starting.
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown (pg_terminate_backend, server stopping)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (server starting up or in recovery)
  "53300", // too_many_connections
  "58000", // system_error
  "58030", // io_error
]);
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /server closed the connection unexpectedly/i,
  /is not currently accepting connections/i,
  // TypeORM releases a query runner whose connection died; the transaction's ROLLBACK then fails so.
  /Query runner already released/i,
  /Connection is not established/i,
];

/** True when `err` (or what it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (
    let e: unknown = err, hops = 0;
    e && hops < 5;
    e = (e as { cause?: unknown; driverError?: unknown; originalError?: unknown }).driverError ?? (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError, hops++
  ) {
    if (e instanceof ServiceUnavailableError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08") || UNAVAILABLE_NODE_CODES.has(code)) return true;
      // The embedded database's socket file gone.
      if (code === "ENOENT" && (e as { syscall?: unknown }).syscall === "connect") return true;
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
    if (typeof e !== "object") break;
  }
  return false;
}

/** True for a statement cancelled by statement_timeout. */
export function isStatementTimeout(err: unknown): boolean {
  for (let e: unknown = err, hops = 0; e && hops < 5; e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause, hops++) {
    if ((e as { code?: unknown }).code === "57014") return true;
  }
  return false;
}

/**
 * A client-facing message when the database refused a value the client sent (SQLSTATE class 22, data
 * exception: NUL bytes, bad encodings, out-of-range numbers or dates, over-long text; or a duplicate or
 * dangling reference); undefined otherwise. Services should check input first; this is the safety net
 * that keeps such input from surfacing as INTERNAL_SERVER_ERROR.
 */
export function userInputProblem(err: unknown): { code: "BAD_USER_INPUT" | "CONFLICT"; message: string } | undefined {
  for (
    let e: unknown = err, hops = 0;
    e && hops < 5;
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError, hops++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) continue;
    if (code === "22021" || code === "22P05") return { code: "BAD_USER_INPUT", message: "Text must be valid UTF-8 without NUL characters." };
    if (code === "22001") return { code: "BAD_USER_INPUT", message: "A value is longer than allowed." };
    if (code.startsWith("22")) return { code: "BAD_USER_INPUT", message: "A value is not valid for its field." };
    if (code === "23505") return { code: "CONFLICT", message: "That already exists." };
    if (code === "23503") return { code: "BAD_USER_INPUT", message: "A referenced item does not exist." };
  }
  return undefined;
}

/** DATABASE_URL did not lead to a usable database at start-up; the message names the setting and what to check. */
export class DatabaseConnectError extends Error {
  readonly code = "DATABASE_UNREACHABLE";
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = "DatabaseConnectError";
  }
}

/** `url` with its password masked, for messages. */
export function maskedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/** Why connecting to DATABASE_URL at start-up failed, in words a user can act on; the raw error stays as `cause`. */
export function describeConnectFailure(err: unknown, url: string): DatabaseConnectError {
  const e = err as { code?: string; message?: string };
  const where = maskedUrl(url);
  const raw = e?.message ?? String(err);
  const hints: Record<string, string> = {
    ECONNREFUSED: "nothing accepts connections there: is PostgreSQL running, and listening on that host and port (listen_addresses, port)?",
    ENOTFOUND: "the host name does not resolve: check the host in DATABASE_URL",
    EAI_AGAIN: "the host name does not resolve: check the host in DATABASE_URL",
    ETIMEDOUT: "no answer: check the host and port, and any firewall between",
    EHOSTUNREACH: "the host is unreachable: check the host in DATABASE_URL and the network",
    "28P01": "the password was refused: check the user and password in DATABASE_URL",
    "28000": "the server refuses this user or address: check the user in DATABASE_URL and pg_hba.conf",
    "3D000": "that database does not exist: create it (createdb) or fix its name in DATABASE_URL",
  };
  const hint =
    (e?.code && hints[e.code]) ??
    (/timeout exceeded when trying to connect/i.test(raw) ? "no answer within DB_CONNECT_TIMEOUT_MS: check the host and port, and that the server is up" : "check DATABASE_URL");
  return new DatabaseConnectError(`DATABASE_UNREACHABLE: cannot connect to DATABASE_URL=${where} (${raw}): ${hint}. Or unset DATABASE_URL to use the embedded database in DATA_DIR.`, {
    cause: err,
  });
}
