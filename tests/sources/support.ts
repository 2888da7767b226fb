// A local HTTP server that plays the internet for the live-sources tests: routes set per test, every
// request logged; feed and article makers with quotes the extractor attributes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { FetchPolicy } from "../../src/sources/safe-fetch";

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => unknown;

export interface FakeWeb {
  url: string;
  server: Server;
  routes: Map<string, Handler>;
  /** Every request: method, path and headers, in order. */
  log: Array<{ method: string; path: string; headers: IncomingMessage["headers"]; body: string }>;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startFakeWeb(): Promise<FakeWeb> {
  const routes = new Map<string, Handler>();
  const log: FakeWeb["log"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "/").split("?")[0]!;
      log.push({ method: req.method ?? "GET", path, headers: req.headers, body });
      const handler = routes.get(path);
      if (!handler) {
        res.statusCode = 404;
        res.end("not found");
        return;
      }
      Promise.resolve(handler(req, res, body)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    routes,
    log,
    hits: (path) => log.filter((l) => l.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const silent = pino({ level: "silent" });

export function testPolicy(over: Partial<FetchPolicy> = {}): FetchPolicy {
  return { allowPrivate: true, userAgent: "newsgraph-test", connectTimeoutMs: 2000, timeoutMs: 3000, maxBytes: 1_000_000, maxRedirects: 3, ...over };
}

/** An article body with two attributed quotes; `tag` makes it unique. */
export function articleBody(tag: string): string {
  return [
    `The council met on Tuesday to discuss the ${tag} plan for the city centre, which has divided residents for months.`,
    `"We will build the ${tag} homes this city needs, and we will start this year," said Jane Okafor, the housing minister.`,
    `Critics were not convinced. "This ${tag} plan is a promise without money behind it," said Tom Reyes, the opposition leader.`,
    `The vote on the ${tag} plan is expected next month, after a public consultation that opens on Monday.`,
  ].join("\n\n");
}

export interface FeedEntry {
  title: string;
  link: string;
  body?: string;
  /** Only a short description (the page has the text). */
  summaryOnly?: string;
  date?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function rss(title: string, link: string, entries: FeedEntry[]): string {
  const items = entries
    .map((e) => {
      const content = e.summaryOnly
        ? `<description>${esc(e.summaryOnly)}</description>`
        : `<content:encoded><![CDATA[${(e.body ?? articleBody(e.title))
            .split("\n\n")
            .map((p) => `<p>${p}</p>`)
            .join("")}]]></content:encoded>`;
      return `<item><title>${esc(e.title)}</title><link>${esc(e.link)}</link><guid>${esc(e.link)}</guid><pubDate>${e.date ?? "Mon, 07 Dec 2026 08:00:00 GMT"}</pubDate>${content}</item>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(title)}</title><link>${esc(link)}</link><language>en</language>
${items}
</channel></rss>`;
}

/** Serves `body()` with an ETag, answering 304 to a matching If-None-Match. */
export function feedRoute(body: () => string, contentType = "application/rss+xml"): Handler {
  return (req, res) => {
    const text = body();
    const etag = `"${Buffer.from(text).length}-${simpleHash(text)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader("content-type", contentType);
    res.setHeader("etag", etag);
    res.end(text);
  };
}

function simpleHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h >>> 0;
}

/** Polls `check` until it holds, or throws after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
