// Works out who is asking from a request's headers (HTTP) or connection parameters (WebSocket):
// a bearer token (see tokens.ts) or the configured admin key, which grants ADMIN.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Config } from "../config";
import { UnauthenticatedError } from "../errors";
import type { Viewer } from "./identity";
import { TokenVerifier } from "./tokens";

/** Compares SHA-256 digests in constant time: neither the key's content nor its length shows in the timing. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

// One verifier per configuration: it caches the identity provider's keys.
const verifiers = new WeakMap<Config, TokenVerifier>();

export function verifierFor(config: Config): TokenVerifier {
  let v = verifiers.get(config);
  if (!v) verifiers.set(config, (v = new TokenVerifier(config)));
  return v;
}

export interface Credentials {
  /** The `Authorization` header value (or WebSocket connection parameter). */
  authorization?: string | null;
  /** The `x-admin-key` header value. */
  adminKey?: string | null;
}

function first(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The viewer the credentials name; null when none are given; UNAUTHENTICATED when they are wrong. */
export async function viewerFromCredentials(creds: Credentials, config: Config, now?: Date): Promise<Viewer | null> {
  const key = creds.adminKey;
  if (key) {
    if (config.ADMIN_API_KEY && sameSecret(key, config.ADMIN_API_KEY)) return { id: "admin", name: "Administrator", roles: ["ADMIN"] };
    throw new UnauthenticatedError("The admin key is not valid.");
  }
  const auth = creds.authorization?.trim();
  if (!auth) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m) throw new UnauthenticatedError("Send the token as `Authorization: Bearer <token>`.");
  return verifierFor(config).verify(m[1], now);
}

/** The viewer named by an HTTP request's headers. */
export function viewerFromHeaders(headers: IncomingHttpHeaders, config: Config, now?: Date): Promise<Viewer | null> {
  return viewerFromCredentials({ authorization: first(headers.authorization), adminKey: first(headers["x-admin-key"]) }, config, now);
}
