// Works out who is asking from an HTTP request.
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Config } from "../config";
import type { Viewer } from "../graphql/context";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The viewer named by the request's headers. Until token auth lands, only the configured admin key grants a role. */
export async function viewerFromHeaders(headers: IncomingHttpHeaders, config: Config): Promise<Viewer | null> {
  const raw = headers["x-admin-key"];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (config.ADMIN_API_KEY && key && sameSecret(key, config.ADMIN_API_KEY)) {
    return { id: "admin", name: "Administrator", roles: ["ADMIN"] };
  }
  return null;
}
