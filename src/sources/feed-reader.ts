// A fetched body → the items of a feed (RSS 2.0, RSS 1.0, Atom through the ingest feed parser; JSON
// Feed here) or the page URLs of a sitemap. Hostile XML (entity declarations, deep nesting, huge
// tags) is refused before any parser sees it; anything else that is no feed is NOT_A_FEED.
import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseFeed } from "../ingest/formats/feed.parser";
import { joinParagraphs } from "../ingest/formats/body-normalise";
import { parseDateField } from "../ingest/formats/date-parse";
import { htmlToParagraphs } from "../ingest/formats/html-to-text";
import { guessLanguage, primaryLanguage } from "../ingest/formats/language-guess";
import { absoluteUrl, domainOf } from "../ingest/formats/url-utils";
import { isIngestInputError } from "../ingest/ingest-errors";
import type { RawArticle } from "../ingest/types";
import { FetchError } from "./fetch-errors";

/** One item of a feed, with what identifies it across polls. */
export interface FeedItem {
  /** Stable across polls: the item's link, else a hash of its title. */
  key: string;
  /** Changes when the item's words or date change. */
  version: string;
  raw: RawArticle;
}

export interface SitemapEntry {
  url: string;
  /** lastmod (or news:publication_date), which versions the entry; null when absent. */
  lastmod: string | null;
  title: string | null;
}

export type ReadBody = { kind: "feed"; items: FeedItem[] } | { kind: "sitemap"; entries: SitemapEntry[] };

const MAX_DEPTH = 64;
const MAX_TAG_CHARS = 65_536;

const hash = (text: string): string => createHash("sha256").update(text).digest("base64url").slice(0, 32);

/** Refuses XML that could make a parser blow up: any DTD internal subset or entity declaration, nesting past 64, tags over 64 KiB. */
export function screenXml(xml: string): void {
  if (/<!ENTITY/i.test(xml) || /<!DOCTYPE[^>[]*\[/i.test(xml)) throw new FetchError("HOSTILE_FEED", "the document declares entities (a DTD internal subset); refused");
  const stripped = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  let depth = 0;
  let i = 0;
  while ((i = stripped.indexOf("<", i)) !== -1) {
    const end = stripped.indexOf(">", i);
    if (end === -1) break;
    if (end - i > MAX_TAG_CHARS) throw new FetchError("HOSTILE_FEED", `a tag is over ${MAX_TAG_CHARS} characters long; refused`);
    const c = stripped[i + 1];
    if (c === "/") depth--;
    else if (c !== "?" && c !== "!" && stripped[end - 1] !== "/") {
      if (++depth > MAX_DEPTH) throw new FetchError("HOSTILE_FEED", `elements nest deeper than ${MAX_DEPTH}; refused`);
    }
    i = end + 1;
  }
}

function item(raw: RawArticle): FeedItem {
  const key = raw.url ?? `title:${hash(raw.title)}`;
  return { key, version: hash(`${raw.title}\n${raw.body}\n${raw.publishedAt?.toISOString() ?? ""}`), raw };
}

const sitemapParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: false, isArray: (name) => name === "url" || name === "sitemap" });

/** What fast-xml-parser makes of a sitemap's `<url>` (news sitemaps add `news:news`); every value unchecked. */
interface SitemapUrlNode {
  loc?: unknown;
  lastmod?: unknown;
  "news:news"?: { "news:publication_date"?: unknown; "news:title"?: unknown };
}

function readSitemap(xml: string, base: string): SitemapEntry[] {
  const doc = sitemapParser.parse(xml) as { urlset?: { url?: SitemapUrlNode[] } };
  const urls: SitemapUrlNode[] = doc.urlset?.url ?? [];
  const entries: SitemapEntry[] = [];
  for (const u of urls) {
    const url = absoluteUrl(typeof u?.loc === "string" ? u.loc.trim() : null, base);
    if (!url) continue;
    const news = u["news:news"];
    const lastmod = (typeof u.lastmod === "string" && u.lastmod) || (typeof news?.["news:publication_date"] === "string" && news["news:publication_date"]) || null;
    entries.push({ url, lastmod, title: typeof news?.["news:title"] === "string" ? news["news:title"] : null });
  }
  return entries;
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

/** JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) → raw articles. */
export function readJsonFeed(text: string, sourceName: string): RawArticle[] {
  let doc: { version?: unknown; items?: unknown; home_page_url?: unknown; feed_url?: unknown; language?: unknown; title?: unknown } | null;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new FetchError("NOT_A_FEED", "the body is not JSON");
  }
  if (!doc || typeof doc !== "object" || typeof doc.version !== "string" || !doc.version.startsWith("https://jsonfeed.org/version/") || !Array.isArray(doc.items)) {
    throw new FetchError("NOT_A_FEED", "the JSON is not a JSON Feed (no jsonfeed.org version or no items)");
  }
  const home = str(doc.home_page_url) ?? str(doc.feed_url);
  const out: RawArticle[] = [];
  for (const it of doc.items.slice(0, 1000)) {
    if (!it || typeof it !== "object") continue;
    const html = str(it.content_html);
    const paragraphs = html
      ? htmlToParagraphs(html)
      : (str(it.content_text) ?? str(it.summary) ?? "")
          .split(/\n\s*\n/)
          .map((p: string) => p.trim())
          .filter(Boolean);
    const body = joinParagraphs(paragraphs);
    const title = str(it.title) ?? (paragraphs[0] ?? "").slice(0, 120);
    if (!title && !body) continue;
    const url = absoluteUrl(str(it.url) ?? str(it.external_url) ?? str(it.id), home);
    out.push({
      title,
      url,
      publishedAt: parseDateField(str(it.date_published) ?? str(it.date_modified)),
      dateline: null,
      language: primaryLanguage(str(it.language) ?? str(doc.language)) ?? guessLanguage(body),
      body: body || title,
      summary: html || str(it.content_text) ? str(it.summary) : null,
      outletName: str(doc.title),
      outletDomain: domainOf(home) ?? domainOf(url),
      ...(Array.isArray(it.tags) ? { topics: it.tags.filter((t: unknown) => typeof t === "string") } : {}),
      source: { format: "json", name: sourceName },
    });
  }
  return out;
}

/** What a fetched body holds. Throws FetchError NOT_A_FEED or HOSTILE_FEED. */
export function readBody(body: Buffer, contentType: string, sourceUrl: string): ReadBody {
  const text = body.toString("utf8").replace(/^\uFEFF/, "");
  const head = text.trimStart().slice(0, 1000);
  if (/json/i.test(contentType) || /^[[{]/.test(head)) {
    const raws = readJsonFeed(text, sourceUrl);
    return { kind: "feed", items: raws.map(item) };
  }
  if (!head.startsWith("<")) throw new FetchError("NOT_A_FEED", `the body is neither XML nor JSON (${contentType || "no content type"})`);
  screenXml(text);
  if (/<(?:urlset|sitemapindex)[\s>]/.test(text.slice(0, 5000)) && !/<(?:rss|feed|rdf:RDF)[\s>]/.test(text.slice(0, 5000))) {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new FetchError("NOT_A_FEED", `the sitemap is not well-formed XML: ${valid.err.msg}`);
    return { kind: "sitemap", entries: readSitemap(text, sourceUrl) };
  }
  if (/<html[\s>]/i.test(head) || /^<!doctype html/i.test(head)) throw new FetchError("NOT_A_FEED", "the body is an HTML page, not a feed");
  try {
    return { kind: "feed", items: parseFeed(text, sourceUrl).map(item) };
  } catch (err) {
    if (isIngestInputError(err)) {
      if (err.code === "EMPTY_INPUT") return { kind: "feed", items: [] };
      throw new FetchError("NOT_A_FEED", `${err.code}: ${err.reason}${err.path ? ` (at ${err.path})` : ""}`);
    }
    throw err;
  }
}
