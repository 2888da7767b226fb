// Full-text search helpers shared by article and quote search (PostgreSQL websearch syntax).
import { BadUserInputError } from "../errors";

export const MAX_SEARCH_LENGTH = 200;

/** Trims a search string and refuses empty or oversized ones. */
export function normalizeSearch(value: string | null | undefined, argumentName: string): string | null {
  if (value == null) return null;
  const trimmed = value
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim();
  if (trimmed.length === 0) return null;
  if (trimmed.length > MAX_SEARCH_LENGTH) {
    throw new BadUserInputError(`${argumentName} may be at most ${MAX_SEARCH_LENGTH} characters.`, argumentName);
  }
  return trimmed;
}

/** SQL for the tsquery of parameter `$n` (websearch syntax: words, "phrases", -exclusions, or). */
export function tsQuery(param: string): string {
  return `websearch_to_tsquery('english', ${param})`;
}

// ts_headline marks matches with two private-use characters, not with <mark> itself: the stored text is
// untrusted (ingested pages may hold `<img onerror=…>`), so highlightSql escapes the whole excerpt first
// and only then turns the markers into <mark>…</mark>. The field is then safe to render as HTML. It is
// done in SQL so that every path reading the column (services, the read planner, its response mode)
// gets the same safe text.
const MARK_START = "\uE000";
const MARK_END = "\uE001";

/** Options for ts_headline: matched words between MARK_START and MARK_END (see highlightHtml). */
export const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, HighlightAll=false`;

/** SQL turning a ts_headline expression into safe HTML: the text escaped (& first), then the marks added. */
export function highlightSql(headline: string): string {
  let sql = headline;
  for (const [c, entity] of [
    ["&", "&amp;"],
    ["<", "&lt;"],
    [">", "&gt;"],
    ['"', "&quot;"],
    ["''", "&#39;"],
  ])
    sql = `replace(${sql}, '${c}', '${entity}')`;
  return `replace(replace(${sql}, '${MARK_START}', '<mark>'), '${MARK_END}', '</mark>')`;
}

/** Refuses a date range whose start is after its end. */
export function checkDateRange(from: Date | null | undefined, to: Date | null | undefined, fromName: string, toName: string): void {
  if (from && to && from.getTime() > to.getTime()) {
    throw new BadUserInputError(`${fromName} must not be later than ${toName}.`, fromName);
  }
}
