// Full-text search helpers shared by article and quote search (PostgreSQL websearch syntax).
import { BadUserInputError } from "../errors";

export const MAX_SEARCH_LENGTH = 200;

/** Trims a search string and refuses empty or oversized ones. */
export function normalizeSearch(value: string | null | undefined, argumentName: string): string | null {
  if (value == null) return null;
  const trimmed = value.normalize("NFC").replace(/[\u0000-\u001f\u007f]/g, " ").trim();
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

/** Options for ts_headline: matched words wrapped in <mark>…</mark>. */
export const HEADLINE_OPTIONS = "StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, HighlightAll=false";

/** Refuses a date range whose start is after its end. */
export function checkDateRange(from: Date | null | undefined, to: Date | null | undefined, fromName: string, toName: string): void {
  if (from && to && from.getTime() > to.getTime()) {
    throw new BadUserInputError(`${fromName} must not be later than ${toName}.`, fromName);
  }
}
