// Bearer tokens: verified with jose against the HS256 secret (AUTH_JWT_SECRET) and/or an identity
// provider's JWKS (AUTH_JWKS_URL), with issuer and audience checked when configured.
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { Config } from "../config";
import { UnauthenticatedError } from "../errors";
import type { Role, Viewer } from "./identity";
import { parseRole } from "./roles";

export interface TokenClaims {
  sub: string;
  name?: string;
  roles: Role[];
}

/** The roles a token grants: `roles` (array or space/comma-separated string) or a single `role` claim. */
function rolesOf(payload: JWTPayload): Role[] {
  const raw = payload.roles ?? payload.role ?? [];
  const list = Array.isArray(raw) ? raw : String(raw).split(/[\s,]+/);
  const roles = list.map(parseRole).filter((r): r is Role => r !== null);
  return roles.length ? [...new Set(roles)] : ["READER"];
}

function nameOf(payload: JWTPayload, sub: string): string {
  for (const claim of ["name", "preferred_username", "nickname"]) {
    const v = payload[claim];
    if (typeof v === "string" && v.trim()) return v.trim().slice(0, 100);
  }
  return sub.slice(0, 100);
}

export class TokenVerifier {
  private readonly secret: Uint8Array | null;
  private readonly jwks: JWTVerifyGetKey | null;

  constructor(private readonly config: Pick<Config, "AUTH_JWT_SECRET" | "AUTH_JWKS_URL" | "AUTH_ISSUER" | "AUTH_AUDIENCE"> & Partial<Pick<Config, "AUTH_MAX_TOKEN_LIFETIME">>) {
    this.secret = config.AUTH_JWT_SECRET ? new TextEncoder().encode(config.AUTH_JWT_SECRET) : null;
    this.jwks = config.AUTH_JWKS_URL ? createRemoteJWKSet(new URL(config.AUTH_JWKS_URL)) : null;
  }

  get enabled(): boolean {
    return Boolean(this.secret || this.jwks);
  }

  /** The viewer a token names; throws UNAUTHENTICATED for a bad, expired or unverifiable token. */
  async verify(token: string, now: Date = new Date()): Promise<Viewer> {
    if (!this.enabled) throw new UnauthenticatedError("This server does not accept bearer tokens (no AUTH_JWT_SECRET or AUTH_JWKS_URL).");
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new UnauthenticatedError("The bearer token is malformed.");
    }
    const options = {
      issuer: this.config.AUTH_ISSUER,
      audience: this.config.AUTH_AUDIENCE,
      currentDate: now,
    };
    try {
      const { payload } =
        alg === "HS256" && this.secret
          ? await jwtVerify(token, this.secret, { ...options, algorithms: ["HS256"] })
          : this.jwks
            ? await jwtVerify(token, this.jwks, options)
            : await Promise.reject(new UnauthenticatedError(`Tokens signed with ${alg ?? "no algorithm"} are not accepted here.`));
      if (!payload.sub) throw new UnauthenticatedError("The bearer token names no subject (sub).");
      // A token must expire, and not too far ahead: a leaked one must not work for ever.
      if (typeof payload.exp !== "number") throw new UnauthenticatedError("The bearer token has no expiry (exp).");
      const maxLifetime = ttlSeconds(this.config.AUTH_MAX_TOKEN_LIFETIME ?? "30d");
      // The token's own lifetime (exp − iat); without iat, what is left of it (exp − now).
      const from = typeof payload.iat === "number" ? payload.iat : now.getTime() / 1000;
      if (payload.exp - from > maxLifetime) throw new UnauthenticatedError(`The bearer token lives longer than ${this.config.AUTH_MAX_TOKEN_LIFETIME ?? "30d"} (AUTH_MAX_TOKEN_LIFETIME).`);
      return {
        id: payload.sub,
        name: nameOf(payload, payload.sub),
        roles: rolesOf(payload),
        ...(typeof payload.exp === "number" ? { expiresAt: new Date(payload.exp * 1000) } : {}),
      };
    } catch (err) {
      if (err instanceof UnauthenticatedError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new UnauthenticatedError("The bearer token has expired.");
      if (err instanceof joseErrors.JWTClaimValidationFailed) throw new UnauthenticatedError(`The bearer token's ${err.claim} claim is not accepted.`);
      throw new UnauthenticatedError("The bearer token could not be verified.");
    }
  }
}

/** Signs an HS256 token with AUTH_JWT_SECRET (for `newsgraph token` and tests). */
export async function signToken(config: Pick<Config, "AUTH_JWT_SECRET" | "AUTH_ISSUER" | "AUTH_AUDIENCE" | "AUTH_TOKEN_TTL">, claims: TokenClaims, now: Date = new Date()): Promise<string> {
  if (!config.AUTH_JWT_SECRET) throw new Error("AUTH_JWT_SECRET is not set: there is no key to sign tokens with.");
  let jwt = new SignJWT({ roles: claims.roles, ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + ttlSeconds(config.AUTH_TOKEN_TTL));
  if (config.AUTH_ISSUER) jwt = jwt.setIssuer(config.AUTH_ISSUER);
  if (config.AUTH_AUDIENCE) jwt = jwt.setAudience(config.AUTH_AUDIENCE);
  return jwt.sign(new TextEncoder().encode(config.AUTH_JWT_SECRET));
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `12h` → 43200. */
export function ttlSeconds(ttl: string): number {
  const m = /^(\d+)\s*([smhdw])$/.exec(ttl.trim());
  if (!m) throw new Error(`Not a duration: ${ttl}`);
  return Number(m[1]) * UNIT_SECONDS[m[2]];
}
