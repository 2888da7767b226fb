// Simple front matter at the top of a plain-text article: `Key: value` lines, optionally between `---`
// lines, before the title. It lets plain text carry what the layout alone cannot: the outlet, the author,
// the URL, the language.
//
//   Outlet: The Kyiv Independent
//   Author: Jane Doe
//   URL: https://kyivindependent.com/talks
//   ---
//   Title line …
import { parseDateText } from "./date-parse";

export interface FrontMatter {
  title?: string;
  outlet?: string;
  author?: string;
  url?: string;
  publishedAt?: Date;
  language?: string;
}

const KEY_LINE = /^(title|outlet|source|publication|author|by|byline|url|link|published|date|language|lang)\s*:\s*(.*)$/i;
const FENCE = /^-{3,}$/;

const FIELD: Record<string, keyof FrontMatter> = {
  title: "title",
  outlet: "outlet",
  source: "outlet",
  publication: "outlet",
  author: "author",
  by: "author",
  byline: "author",
  url: "url",
  link: "url",
  published: "publishedAt",
  date: "publishedAt",
  language: "language",
  lang: "language",
};

/**
 * Reads front matter from `lines` at `from` (the first non-empty line). Front matter is two or more key
 * lines, or any key lines fenced by `---`; a lone `Title: …` line stays the article's title line, as before.
 * Returns the fields and the index of the first line after the front matter (and its closing fence).
 */
export function readFrontMatter(lines: readonly string[], from: number): { fields: FrontMatter; next: number } | null {
  let i = from;
  const fenced = FENCE.test((lines[i] ?? "").trim());
  if (fenced) i++;
  const fields: FrontMatter = {};
  let keys = 0;
  for (; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) {
      if (fenced) continue;
      break;
    }
    if (FENCE.test(line)) {
      if (fenced || keys > 0) i++;
      break;
    }
    const m = KEY_LINE.exec(line);
    if (!m) break;
    keys++;
    const field = FIELD[(m[1] as string).toLowerCase()] as keyof FrontMatter;
    const value = (m[2] as string).trim();
    if (!value) continue;
    if (field === "publishedAt") {
      const date = parseDateText(value);
      if (date) fields.publishedAt = date;
    } else if (field === "url") {
      if (/^https?:\/\/\S+$/i.test(value)) fields.url = value;
    } else {
      fields[field] = value;
    }
  }
  if (!fenced && keys < 2) return null;
  if (keys === 0) return null;
  return { fields, next: i };
}
