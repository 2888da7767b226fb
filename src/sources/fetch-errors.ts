// Coded failures of fetching a source, a page, robots.txt or a webhook. The code is stored as the
// source's (or delivery's) last error and counted in /metrics; it is never reworded.

export type FetchErrorCode =
  | "BAD_URL"
  | "UNSUPPORTED_SCHEME"
  | "PRIVATE_ADDRESS"
  | "DNS_FAILED"
  | "CONNECT_TIMEOUT"
  | "TIMEOUT"
  | "CONNECTION_FAILED"
  | "TOO_LARGE"
  | "TOO_MANY_REDIRECTS"
  | "BAD_ENCODING"
  | "HTTP_ERROR"
  | "RATE_LIMITED"
  | "ROBOTS_DISALLOWED"
  | "NOT_A_FEED"
  | "HOSTILE_FEED"
  | "STORE_FAILED";

export class FetchError extends Error {
  override readonly name = "FetchError";

  constructor(
    readonly code: FetchErrorCode,
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    /** What the server's Retry-After asked for, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function isFetchError(value: unknown): value is FetchError {
  return value instanceof FetchError;
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
