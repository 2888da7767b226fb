// Parses RSS 2.0 (and RSS 1.0/RDF) and Atom feeds into one RawArticle per item, with HTML content stripped to paragraphs.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { IngestInputError } from "../ingest-errors";
import type { RawArticle } from "../types";
import { joinParagraphs } from "./body-normalise";
import { parseDateField } from "./date-parse";
import { splitDateline } from "./dateline";
import { htmlToParagraphs } from "./html-to-text";
import { guessLanguage, primaryLanguage } from "./language-guess";
import { absoluteUrl, domainOf } from "./url-utils";

type XmlValue = string | number | boolean | XmlObject | XmlValue[] | null | undefined;
interface XmlObject {
  [key: string]: XmlValue;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ["item", "entry", "category", "link"].includes(name),
});

function asObject(value: XmlValue): XmlObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}

function asArray(value: XmlValue): XmlValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text of an element that may be a plain string or an object with "#text" (when it has attributes). */
function text(value: XmlValue): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === "object") return text(value["#text"]);
  const s = String(value).trim();
  return s || null;
}

function attr(value: XmlValue, name: string): string | null {
  const o = asObject(value);
  const v = o?.[`@_${name}`];
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

function paragraphsOf(html: string | null): string[] {
  return html ? htmlToParagraphs(html) : [];
}

interface ItemFields {
  title: string | null;
  link: string | null;
  date: string | null;
  contentHtml: string | null;
  summaryHtml: string | null;
  categories: string[];
  language: string | null;
}

function buildArticle(fields: ItemFields, feed: { title: string | null; link: string | null; language: string | null }, format: "rss" | "atom", sourceName: string, at: string): RawArticle {
  const paragraphs = paragraphsOf(fields.contentHtml ?? fields.summaryHtml);
  let dateline: string | null = null;
  if (paragraphs.length) {
    const split = splitDateline(paragraphs[0] as string);
    if (split) {
      dateline = split.dateline;
      paragraphs[0] = split.rest;
    }
  }
  const body = joinParagraphs(paragraphs);
  const title = fields.title ? joinParagraphs(htmlToParagraphs(fields.title)).replace(/\s+/g, " ") : null;
  if (!title && !body) throw new IngestInputError("EMPTY_ARTICLE", "feed item has neither title nor content", at);
  const url = absoluteUrl(fields.link, feed.link);
  const summaryParagraphs = fields.contentHtml && fields.summaryHtml ? paragraphsOf(fields.summaryHtml) : [];
  const raw: RawArticle = {
    title: title ?? (paragraphs[0] as string).slice(0, 120),
    url,
    publishedAt: parseDateField(fields.date),
    dateline,
    language: primaryLanguage(fields.language) ?? primaryLanguage(feed.language) ?? guessLanguage(body),
    body: body || (title ?? ""),
    summary: summaryParagraphs.length ? summaryParagraphs.join(" ") : null,
    outletName: feed.title,
    outletDomain: domainOf(feed.link) ?? domainOf(url),
    source: { format, name: sourceName },
  };
  if (fields.categories.length) raw.topics = fields.categories;
  return raw;
}

function parseRss(channel: XmlObject, items: XmlValue[], sourceName: string): RawArticle[] {
  const links = asArray(channel.link)
    .map((l) => text(l) ?? attr(l, "href"))
    .filter((l): l is string => !!l);
  const feed = { title: text(channel.title), link: links[0] ?? null, language: text(channel.language) ?? text(channel["dc:language"]) };
  return items.map((value, i) => {
    const item = asObject(value) ?? {};
    const categories = asArray(item.category)
      .map(text)
      .filter((c): c is string => !!c);
    const fields: ItemFields = {
      title: text(item.title),
      link:
        asArray(item.link)
          .map(text)
          .find((l) => !!l) ?? text(item.guid),
      date: text(item.pubDate) ?? text(item["dc:date"]) ?? text(item.published) ?? text(item.updated),
      contentHtml: text(item["content:encoded"]) ?? text(item.content),
      summaryHtml: text(item.description) ?? text(item.summary),
      categories,
      language: text(item["dc:language"]),
    };
    return buildArticle(fields, feed, "rss", sourceName, `item[${i}]`);
  });
}

function atomLink(links: XmlValue): string | null {
  const all = asArray(links);
  const alternate = all.find((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  return attr(alternate ?? all[0], "href");
}

function parseAtom(feedNode: XmlObject, sourceName: string): RawArticle[] {
  const feed = { title: text(feedNode.title), link: atomLink(feedNode.link), language: attr(feedNode, "xml:lang") };
  return asArray(feedNode.entry).map((value, i) => {
    const entry = asObject(value) ?? {};
    const fields: ItemFields = {
      title: text(entry.title),
      link: atomLink(entry.link),
      date: text(entry.published) ?? text(entry.updated) ?? text(entry.issued),
      contentHtml: text(entry.content),
      summaryHtml: text(entry.summary),
      categories: asArray(entry.category)
        .map((c) => attr(c, "term") ?? text(c))
        .filter((c): c is string => !!c),
      language: attr(entry, "xml:lang"),
    };
    return buildArticle(fields, feed, "atom", sourceName, `entry[${i}]`);
  });
}

/** Whether the XML is an Atom feed (else RSS), judged by its root element. */
export function isAtom(content: string): boolean {
  return /<feed[\s>]/.test(content.slice(0, 2000)) && !/<rss[\s>]/.test(content.slice(0, 2000));
}

export function parseFeed(content: string, sourceName = "feed"): RawArticle[] {
  const valid = XMLValidator.validate(content);
  if (valid !== true) {
    throw new IngestInputError("INVALID_FEED", `not well-formed XML: ${valid.err.msg}`, `line ${valid.err.line}, column ${valid.err.col}`);
  }
  const doc = parser.parse(content) as XmlObject;
  const rss = asObject(doc.rss);
  const rdf = asObject(doc["rdf:RDF"]);
  const atom = asObject(doc.feed);
  let articles: RawArticle[];
  if (rss) {
    const channel = asObject(asArray(rss.channel)[0]);
    if (!channel) throw new IngestInputError("INVALID_FEED", "RSS feed has no <channel>");
    articles = parseRss(channel, asArray(channel.item), sourceName);
  } else if (rdf) {
    articles = parseRss(asObject(rdf.channel) ?? {}, asArray(rdf.item), sourceName);
  } else if (atom) {
    articles = parseAtom(atom, sourceName);
  } else {
    throw new IngestInputError("INVALID_FEED", "XML is neither an RSS <rss>/<rdf:RDF> nor an Atom <feed> document");
  }
  if (articles.length === 0) throw new IngestInputError("EMPTY_INPUT", "the feed has no items");
  return articles;
}
