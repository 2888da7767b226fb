// Parses a plain-text article as copied from a news page: title line, "Published on …" line, dateline, paragraphs, and a trailing comments block.
import { IngestInputError } from "../ingest-errors";
import type { RawArticle } from "../types";
import { joinParagraphs, splitParagraphs } from "./body-normalise";
import { parseDateText } from "./date-parse";
import { splitDateline } from "./dateline";
import { readFrontMatter } from "./text-front-matter";
import { guessLanguage } from "./language-guess";
import { domainOf } from "./url-utils";

const PUBLISHED_LINE = /^(?:published|posted|updated|last updated|date|first published)\b\s*(?:on|at)?\s*:?\s*(.+)$/i;
const BYLINE = /^[Bb]y\s+\p{Lu}[\p{L}.'’\- ]{1,60}(?:,.*)?$/u;
const URL_LINE = /^(?:(?:url|source|link|canonical)\s*:\s*)?(https?:\/\/\S+)$/i;
const COMMENT_MARKER =
  /^(?:add (?:a )?comment|comments?|comments?\s*\(\d+\)|\d+\s+comments?|leave a (?:comment|reply)|show comments|view comments|join the (?:conversation|discussion)|post a comment|write a comment)\.?$/i;
const NO_COMMENTS = /^(?:there are no comments yet|no comments yet|be the first to comment|no comments)\.?$/i;

const PAGE_FURNITURE =
  /^(?:advertisement|skip advertisement|story continues below(?: advertisement)?|share(?: this (?:article|story|page))?|share on (?:facebook|x|twitter|whatsapp|linkedin|email)|read more(?::.*)?|related(?: articles| stories| content)?(?::.*)?|image (?:caption|source)(?::.*)?|getty images|photo(?:graph)?:.*|listen to this article|subscribe(?: now| to our newsletter)?|sign up(?: for our newsletter)?|copy link|print)$/i;

interface CommentsBlock {
  /** Index of the first line of the block. */
  from: number;
  count: number | null;
}

/** The comments section at the end of the page, if any: from the first marker line after the body. */
function findCommentsBlock(lines: readonly string[], bodyFrom: number): CommentsBlock | null {
  for (let i = bodyFrom + 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!COMMENT_MARKER.test(line) && !NO_COMMENTS.test(line)) continue;
    // Only a marker in the last stretch of the text counts; "Comments" mid-article is a word, not a section.
    const remaining = lines.slice(i).filter((l) => l.trim()).length;
    if (remaining > 40) continue;
    let count: number | null = null;
    for (const l of lines.slice(i)) {
      const t = l.trim();
      if (NO_COMMENTS.test(t)) count = 0;
      const n = /^(?:comments?\s*\((\d+)\)|(\d+)\s+comments?)$/i.exec(t);
      if (n) count = Number(n[1] ?? n[2]);
    }
    return { from: i, count };
  }
  return null;
}

export function parseTextArticle(content: string, sourceName = "text"): RawArticle {
  const normalised = /[\r\u00a0\u202f]/.test(content) ? content.replace(/\r\n?/g, "\n").replace(/[\u00a0\u202f]/g, " ") : content;
  const lines = normalised.split("\n");
  let i = 0;
  while (i < lines.length && !(lines[i] as string).trim()) i++;
  if (i >= lines.length) throw new IngestInputError("EMPTY_INPUT", "The text is empty");
  // Optional front matter (Outlet:, Author:, URL:, Published:, Language:, Title:) before the title.
  const front = readFrontMatter(lines, i);
  if (front) {
    i = front.next;
    while (i < lines.length && !(lines[i] as string).trim()) i++;
  }
  let title = front?.fields.title;
  if (!title) {
    if (i >= lines.length) throw new IngestInputError("EMPTY_ARTICLE", "The text has front matter but no title or body");
    title = (lines[i] as string).trim().replace(/^title\s*:\s*/i, "");
    i++;
  }

  let publishedAt: Date | null = front?.fields.publishedAt ?? null;
  let url: string | null = front?.fields.url ?? null;
  // Header lines between the title and the first paragraph: publication date, byline, source URL.
  for (let seen = 0; i < lines.length && seen < 6; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    seen++;
    const published = PUBLISHED_LINE.exec(line);
    const urlMatch = URL_LINE.exec(line);
    if (published && line.length < 100) {
      publishedAt = parseDateText(published[1] as string) ?? publishedAt;
    } else if (urlMatch) {
      url = urlMatch[1] as string;
    } else if (BYLINE.test(line) && line.length < 80) {
      // A byline is not article text.
    } else if (line.length < 60 && parseDateText(line) && !/[.!?]$/.test(line)) {
      publishedAt = parseDateText(line);
    } else {
      break;
    }
  }

  const comments = findCommentsBlock(lines, i);
  // Page furniture copied along with the text ("Advertisement", "Share this article", "Read more: …") is not article text.
  const bodyLines = lines.slice(i, comments ? comments.from : lines.length).filter((line) => !PAGE_FURNITURE.test(line.trim()));
  const paragraphs = splitParagraphs(bodyLines.join("\n"));
  let dateline: string | null = null;
  if (paragraphs.length) {
    const split = splitDateline(paragraphs[0] as string);
    if (split) {
      dateline = split.dateline;
      paragraphs[0] = split.rest;
    }
  }
  const body = joinParagraphs(paragraphs);
  if (!body) throw new IngestInputError("EMPTY_ARTICLE", "The article has a title but no body text");

  return {
    title,
    url,
    publishedAt,
    dateline,
    language: front?.fields.language ?? guessLanguage(body),
    body,
    outletName: front?.fields.outlet ?? null,
    outletDomain: url ? domainOf(url) : null,
    commentsOnPage: comments ? comments.count : null,
    source: { format: "text", name: sourceName },
  };
}
