// One polite and safe HTTP request: http/https only, addresses checked at connect time (address-guard),
// connect and total timeouts, a body-size cap applied after decompression (gzip, deflate, brotli), and
// at most a few redirects, each checked like the first URL. Used for feeds, pages, robots.txt and webhooks.
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Readable } from "node:stream";
import { assertPublicHost, guardedLookup } from "./address-guard";
import { FetchError } from "./fetch-errors";

export interface FetchPolicy {
  allowPrivate: boolean;
  userAgent: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Which addresses are refused (unless allowPrivate); default: loopback, private, link-local, metadata (tests narrow it). */
  isBlocked?: (ip: string) => boolean;
}

export interface FetchRequest {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Follow redirects (GET only; a webhook POST never follows one). */
  followRedirects?: boolean;
  /** Keep-alive agents (`keepAliveAgents`) to reuse connections; default: a new connection per request. */
  agents?: { http: HttpAgent; https: HttpsAgent };
}

/**
 * Keep-alive agents whose every new connection goes through the address guard: reused connections were
 * checked when they were made. For many requests to few hosts (webhook deliveries).
 */
export function keepAliveAgents(policy: FetchPolicy, maxSockets = 64): { http: HttpAgent; https: HttpsAgent } {
  const lookup = guardedLookup(policy.allowPrivate, policy.isBlocked) as never;
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets, lookup } as ConstructorParameters<typeof HttpAgent>[0]),
    https: new HttpsAgent({ keepAlive: true, maxSockets, lookup } as ConstructorParameters<typeof HttpsAgent>[0]),
  };
}

export interface FetchResponse {
  status: number;
  /** The URL finally answered, after redirects. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The decompressed body; empty for a 304. */
  body: Buffer;
}

/** The URL, parsed and checked: absolute, http or https, no credentials, not an IP literal that is private. */
export function checkUrl(raw: string, allowPrivate: boolean, isBlocked?: (ip: string) => boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError("BAD_URL", `"${raw.slice(0, 200)}" is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchError("UNSUPPORTED_SCHEME", `only http and https URLs are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new FetchError("BAD_URL", "URLs with credentials are not fetched");
  assertPublicHost(url.hostname, allowPrivate, isBlocked);
  return url;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function safeFetch(raw: string, policy: FetchPolicy, req: FetchRequest = {}): Promise<FetchResponse> {
  const deadline = Date.now() + policy.timeoutMs;
  let url = checkUrl(raw, policy.allowPrivate, policy.isBlocked);
  for (let hops = 0; ; hops++) {
    const res = await once(url, policy, req, deadline);
    const location = res.headers.location;
    if (req.followRedirects !== false && (req.method ?? "GET") === "GET" && REDIRECTS.has(res.status) && location) {
      if (hops >= policy.maxRedirects) throw new FetchError("TOO_MANY_REDIRECTS", `more than ${policy.maxRedirects} redirects`, res.status);
      let next: string;
      try {
        next = new URL(location, url).toString();
      } catch {
        throw new FetchError("BAD_URL", `redirect to a bad URL "${location.slice(0, 200)}"`, res.status);
      }
      url = checkUrl(next, policy.allowPrivate, policy.isBlocked);
      continue;
    }
    return res;
  }
}

function decoder(res: IncomingMessage): Readable {
  const enc = String(res.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  if (enc === "gzip" || enc === "x-gzip") return res.pipe(createGunzip());
  if (enc === "deflate") return res.pipe(createInflate());
  if (enc === "br") return res.pipe(createBrotliDecompress());
  return res;
}

function errorOf(err: NodeJS.ErrnoException): FetchError {
  if (err instanceof FetchError) return err;
  const code = err.code ?? "";
  if (code === "PRIVATE_ADDRESS") return new FetchError("PRIVATE_ADDRESS", err.message);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") return new FetchError("DNS_FAILED", err.message);
  if (code.startsWith("Z_") || code === "ERR_ZLIB") return new FetchError("BAD_ENCODING", `could not decompress the body: ${err.message}`);
  return new FetchError("CONNECTION_FAILED", err.message || code || "connection failed");
}

function once(url: URL, policy: FetchPolicy, req: FetchRequest, deadline: number): Promise<FetchResponse> {
  return new Promise<FetchResponse>((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
      method: req.method ?? "GET",
      // A fresh connection per request unless keep-alive agents are given (they carry the lookup hook).
      agent: req.agents ? (url.protocol === "https:" ? req.agents.https : req.agents.http) : false,
      lookup: guardedLookup(policy.allowPrivate, policy.isBlocked) as never,
      headers: {
        "user-agent": policy.userAgent,
        "accept-encoding": "gzip, deflate, br",
        ...(req.body !== undefined ? { "content-length": String(Buffer.byteLength(req.body)) } : {}),
        ...req.headers,
      },
    });
    let done = false;
    const fail = (err: FetchError) => {
      if (done) return;
      done = true;
      clearTimeout(total);
      clearTimeout(connect);
      request.destroy();
      reject(err);
    };
    const total = setTimeout(() => fail(new FetchError("TIMEOUT", `no complete answer within ${policy.timeoutMs} ms`)), Math.max(1, deadline - Date.now()));
    const connect = setTimeout(() => fail(new FetchError("CONNECT_TIMEOUT", `no connection within ${policy.connectTimeoutMs} ms`)), policy.connectTimeoutMs);
    request.on("socket", (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      else socket.once("connect", () => clearTimeout(connect));
    });
    request.on("error", (err) => fail(errorOf(err)));
    request.on("response", (res) => {
      clearTimeout(connect);
      const status = res.statusCode ?? 0;
      const length = Number(res.headers["content-length"]);
      if (Number.isFinite(length) && length > policy.maxBytes) return fail(new FetchError("TOO_LARGE", `the body is ${length} bytes; the limit is ${policy.maxBytes}`, status));
      if (status === 304 || (REDIRECTS.has(status) && res.headers.location)) {
        res.resume();
        done = true;
        clearTimeout(total);
        return resolve({ status, url: url.toString(), headers: res.headers, body: Buffer.alloc(0) });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const stream = decoder(res);
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > policy.maxBytes) return fail(new FetchError("TOO_LARGE", `the body is over the limit of ${policy.maxBytes} bytes`, status));
        chunks.push(chunk);
      });
      stream.on("error", (err) => fail(errorOf(err as NodeJS.ErrnoException)));
      res.on("aborted", () => fail(new FetchError("CONNECTION_FAILED", "the server closed the connection mid-body", status)));
      stream.on("end", () => {
        if (done) return;
        done = true;
        clearTimeout(total);
        resolve({ status, url: url.toString(), headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    request.end(req.body);
  });
}
