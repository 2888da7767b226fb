// Entry point for input parsing: detects the format of a file and parses it into RawArticles.
import { IngestInputError } from "../ingest-errors";
import type { InputFormat, RawArticle } from "../types";
import { isAtom, parseFeed } from "./feed.parser";
import { parseHtmlArticle } from "./html-article.parser";
import { parseJsonArticles } from "./json-article.parser";
import { parseTextArticle } from "./text-article.parser";

export type { InputFormat } from "../types";

export interface ParseOptions {
  /** Forces a format; 'feed' means RSS or Atom, whichever the XML is. Detected from the file name and content when absent. */
  format?: InputFormat | "feed";
  /** Used for detection by extension and as the source name. */
  fileName?: string;
}

const FORMATS: readonly string[] = ["text", "json", "rss", "atom", "html", "feed"];

function extensionOf(fileName: string | undefined): string {
  const m = /\.([a-z0-9]+)$/i.exec(fileName ?? "");
  return m ? (m[1] as string).toLowerCase() : "";
}

/** The format of an input, from its extension first and its first characters otherwise. */
export function detectFormat(fileName: string | undefined, content: string): InputFormat {
  const head = content
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 2000);
  const ext = extensionOf(fileName);
  const xmlKind = (): InputFormat => (isAtom(head) ? "atom" : "rss");
  switch (ext) {
    case "json":
      return "json";
    case "rss":
      return "rss";
    case "atom":
      return "atom";
    case "xml":
      return xmlKind();
    case "html":
    case "htm":
    case "xhtml":
      return "html";
    case "txt":
    case "text":
    case "md":
      return "text";
    default:
      break;
  }
  if (/^[[{]/.test(head)) return "json";
  if (/^<\?xml/i.test(head)) return /<(?:rss|feed|rdf:RDF)[\s>]/i.test(head) ? xmlKind() : /<html[\s>]/i.test(head) ? "html" : xmlKind();
  if (/^<(?:rss|rdf:RDF)[\s>]/i.test(head)) return "rss";
  if (/^<feed[\s>]/i.test(head)) return "atom";
  if (/^<(?:!doctype html|html|head|body)[\s>]/i.test(head)) return "html";
  return "text";
}

/** Parses one input (a file's content) into articles. Bad input throws IngestInputError with a stable code. */
export function parseInput(content: string, opts: ParseOptions = {}): RawArticle[] {
  if (opts.format !== undefined && !FORMATS.includes(opts.format)) {
    throw new IngestInputError("UNSUPPORTED_FORMAT", `unknown format "${String(opts.format)}" (use text, json, rss, atom, html or feed)`);
  }
  const text = content.replace(/^\uFEFF/, "");
  if (!text.trim()) throw new IngestInputError("EMPTY_INPUT", "the input is empty");
  const format = opts.format === "feed" ? (isAtom(text) ? "atom" : "rss") : (opts.format ?? detectFormat(opts.fileName, text));
  const name = opts.fileName ?? format;
  switch (format) {
    case "text":
      return [parseTextArticle(text, name)];
    case "json":
      return parseJsonArticles(text, name);
    case "rss":
    case "atom":
      return parseFeed(text, name);
    case "html":
      return [parseHtmlArticle(text, name)];
  }
}
