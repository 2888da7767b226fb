// Parses a news web page: main text via Readability, metadata (title, date, canonical URL, site, language) from meta tags, JSON-LD and <time>.
import { Readability } from "@mozilla/readability";
import { IngestInputError } from "../ingest-errors";
import type { RawArticle } from "../types";
import { joinParagraphs } from "./body-normalise";
import { parseDateField } from "./date-parse";
import { splitDateline } from "./dateline";
import { nodeParagraphs, parseDocument, type DomDocument, type DomElement } from "./html-to-text";
import { guessLanguage, primaryLanguage } from "./language-guess";
import { absoluteUrl, domainOf } from "./url-utils";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function meta(doc: DomDocument, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"]`) ?? doc.querySelector(`meta[name="${key}"]`) ?? doc.querySelector(`meta[itemprop="${key}"]`);
    const content = el?.getAttribute("content")?.trim();
    if (content) return content;
  }
  return null;
}

/** All JSON-LD objects on the page, flattening arrays and @graph. */
function jsonLd(doc: DomDocument): Record<string, Json>[] {
  const out: Record<string, Json>[] = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  const visit = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      out.push(value);
      const graph = value["@graph"];
      if (graph) visit(graph);
    }
  };
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse((scripts[i] as DomElement).textContent ?? "") as Json);
    } catch {
      // Broken JSON-LD is common on real pages; the other metadata sources still apply.
    }
  }
  return out;
}

function ldString(value: Json | undefined): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (value && typeof value === "object" && !Array.isArray(value)) return ldString(value.name);
  if (Array.isArray(value)) return ldString(value[0]);
  return null;
}

const ARTICLE_TYPES = /Article|Posting|Report|BlogPosting|NewsArticle/;

function ldArticle(objects: Record<string, Json>[]): Record<string, Json> | undefined {
  return objects.find((o) => {
    const type = o["@type"];
    const types = Array.isArray(type) ? type : [type];
    return types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t));
  });
}

function topicsOf(doc: DomDocument, ld: Record<string, Json> | undefined): string[] {
  const tags: string[] = [];
  const tagEls = doc.querySelectorAll('meta[property="article:tag"]');
  for (let i = 0; i < tagEls.length; i++) {
    const c = (tagEls[i] as DomElement).getAttribute("content");
    if (c) tags.push(c.trim());
  }
  const keywords = meta(doc, "news_keywords", "keywords") ?? (ld ? ldKeywords(ld.keywords) : null);
  if (!tags.length && keywords) tags.push(...keywords.split(",").map((k) => k.trim()));
  return [...new Set(tags.filter(Boolean))];
}

function ldKeywords(value: Json | undefined): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string").join(",");
  return null;
}

/** A leading block that is the headline, a byline ("By Dana Whitaker") or just a date ("April 2, 2025"). */
function isPageFurniture(paragraph: string, title: string): boolean {
  const p = paragraph.trim();
  if (title && p === title) return true;
  if (p.length < 80 && /^by\s+\p{Lu}/u.test(p) && !/[.!?]$/.test(p)) return true;
  return p.length < 50 && parseDateField(p) !== null && !/[.!?]$/.test(p) && p.split(/\s+/).length <= 7;
}

function firstSentence(body: string): string {
  const first = (body.split("\n")[0] ?? "").split(/(?<=[.!?])\s/)[0] ?? "";
  return first.length > 120 ? `${first.slice(0, 117).trimEnd()}…` : first;
}

/**
 * Deepest element nesting a page may have. Readability's work grows with elements × depth (text lengths and
 * scores are computed up the ancestor chain), so 1,000 nested <div>s took 10 s; real pages nest a few dozen
 * deep. Checked on the parsed tree, in one pass, before Readability runs.
 */
export const MAX_HTML_DEPTH = 128;
/** Most elements a page may have (also Readability's own `maxElemsToParse`); real pages have a few thousand. */
export const MAX_HTML_ELEMENTS = 30_000;

interface WalkElement {
  children: ArrayLike<WalkElement>;
}

/** Refuses a page nested deeper than MAX_HTML_DEPTH or larger than MAX_HTML_ELEMENTS (one linear walk). */
function assertPageShape(root: DomElement): void {
  let elements = 0;
  const stack: Array<[WalkElement, number]> = [[root as unknown as WalkElement, 1]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > MAX_HTML_DEPTH) throw new IngestInputError("INVALID_HTML", `the page nests elements more than ${MAX_HTML_DEPTH} deep`);
    if (++elements > MAX_HTML_ELEMENTS) throw new IngestInputError("INVALID_HTML", `the page has more than ${MAX_HTML_ELEMENTS} elements`);
    const children = el.children;
    for (let i = 0; i < children.length; i++) stack.push([children[i] as WalkElement, depth + 1]);
  }
}

/** Elements that never hold others (void) or whose end tag may be left out: they add no nesting in the scan. */
const FLAT_TAGS = new Set(
  "area base br col embed hr img input link meta param source track wbr keygen p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rtc rp html head body".split(" "),
);

/**
 * The page's element nesting from its tags alone, in one pass over the text (comments, scripts and styles
 * skipped). The DOM parser's work on a deep page grows faster than the page (finding a node's children walks
 * its subtree), so pathological nesting is refused here, before any parsing; the exact check on the tree
 * (assertPageShape) follows for what the scan cannot see.
 */
function assertTagNesting(content: string): void {
  const limit = 2 * MAX_HTML_DEPTH;
  // `[^<>]` keeps every match attempt within one tag, so text full of unclosed `<a` stays linear.
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(\/?)>|<!--/g;
  let lower: string | null = null;
  let depth = 0;
  for (let m = tag.exec(content); m; m = tag.exec(content)) {
    if (m[0] === "<!--") {
      const end = content.indexOf("-->", tag.lastIndex);
      if (end < 0) return;
      tag.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      if (!FLAT_TAGS.has(name) && depth > 0) depth--;
      continue;
    }
    if (name === "script" || name === "style") {
      lower ??= content.toLowerCase();
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      if (end < 0) return;
      tag.lastIndex = end;
      continue;
    }
    if (m[3] || FLAT_TAGS.has(name)) continue;
    if (++depth > limit) throw new IngestInputError("INVALID_HTML", `the page nests elements more than ${MAX_HTML_DEPTH} deep`);
  }
}

export function parseHtmlArticle(content: string, sourceName = "html"): RawArticle {
  if (!/<(?:html|body|p|article|div|head)[\s>]/i.test(content)) throw new IngestInputError("INVALID_HTML", "no HTML elements found");
  assertTagNesting(content);
  const doc = parseDocument(content);
  assertPageShape(doc.documentElement);
  // Metadata first: Readability rewrites the document it parses.
  const objects = jsonLd(doc);
  const ld = ldArticle(objects);
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? meta(doc, "og:url");
  const url = absoluteUrl(canonical) ?? absoluteUrl(ldString(ld?.url));
  const lang = primaryLanguage(doc.documentElement.getAttribute("lang")) ?? primaryLanguage(meta(doc, "og:locale", "language", "content-language"));
  const dateText =
    meta(
      doc,
      "article:published_time",
      "og:article:published_time",
      "og:published_time",
      "datePublished",
      "pubdate",
      "publishdate",
      "date",
      "DC.date.issued",
      "parsely-pub-date",
      "sailthru.date",
    ) ??
    ldString(ld?.datePublished) ??
    doc.querySelector("time[datetime]")?.getAttribute("datetime") ??
    null;
  const siteName = meta(doc, "og:site_name", "application-name") ?? (ld ? ldString(ld.publisher) : null);
  const metaTitle = meta(doc, "og:title", "twitter:title") ?? (ld ? ldString(ld.headline) : null);
  const description = meta(doc, "description", "og:description", "twitter:description") ?? (ld ? ldString(ld.description) : null);
  const topics = topicsOf(doc, ld);
  const headline = doc.querySelector("h1")?.textContent?.trim() ?? null;

  const article = new Readability(doc as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200, maxElemsToParse: MAX_HTML_ELEMENTS }).parse();
  let paragraphs: string[] = [];
  if (article?.content) paragraphs = nodeParagraphs(parseDocument(`<!DOCTYPE html><html><body>${article.content}</body></html>`).body as DomElement);
  if (!paragraphs.length) {
    // Short pages Readability gives up on: fall back to the page's own paragraphs.
    const fallback = parseDocument(content);
    const ps = fallback.querySelectorAll("article p, main p, body p");
    for (let i = 0; i < ps.length; i++) paragraphs.push(...nodeParagraphs(ps[i] as DomElement));
  }
  const title = (metaTitle ?? article?.title ?? headline ?? doc.title ?? "").trim();
  // Readability keeps the headline, byline and printed date as the first blocks; they are not body text.
  while (paragraphs.length && isPageFurniture(paragraphs[0] as string, title)) paragraphs.shift();
  let dateline: string | null = null;
  if (paragraphs.length) {
    const split = splitDateline(paragraphs[0] as string);
    if (split) {
      dateline = split.dateline;
      paragraphs[0] = split.rest;
    }
  }
  const body = joinParagraphs(paragraphs);
  if (!body) throw new IngestInputError("EMPTY_ARTICLE", "no article text found in the page");

  const raw: RawArticle = {
    // A page without any title still has text: its first sentence (shortened) names it.
    title: title || firstSentence(body),
    url,
    publishedAt: parseDateField(dateText ?? article?.publishedTime ?? null),
    dateline,
    language: lang ?? primaryLanguage(article?.lang) ?? guessLanguage(body),
    body,
    summary: description ?? article?.excerpt ?? null,
    outletName: siteName ?? article?.siteName ?? null,
    outletDomain: domainOf(url),
    source: { format: "html", name: sourceName },
  };
  if (topics.length) raw.topics = topics;
  return raw;
}
