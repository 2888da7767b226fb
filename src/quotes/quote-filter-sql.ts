// The analysts' quote filters beyond speaker, words and kind: the article's outlet, topic and language,
// the speaker's kind, quotes with or without a speaker, and the publication-date window under its one
// name (publishedAfter/publishedBefore; the older from/to still work). QuoteService.listQuery adds
// these conditions to every quote list, and the aggregates and the export read that same list query,
// so a count always equals what the list pages through.
import type { SpeakerKind } from "../../entities/speaker-kind.enum";
import { assertUuid, BadUserInputError } from "../errors";
import { checkDateRange } from "../search/text-search";
import type { SqlParams } from "../sql-params";

export interface QuoteAnalystFilter {
  /** Only quotes in articles from this outlet (by id). */
  outletId?: string | null;
  /** Only quotes in articles from this outlet (by slug). */
  outletSlug?: string | null;
  /** Only quotes in articles with this topic tag. */
  topic?: string | null;
  /** Only quotes in articles in this language (BCP 47 tag, e.g. `en`). */
  language?: string | null;
  /** Only quotes whose speaker is of this kind (quotes without a speaker never match). */
  speakerKind?: SpeakerKind | null;
  /** true: only quotes with a speaker; false: only quotes without one. */
  hasSpeaker?: boolean | null;
  /** Only quotes from articles published at or after this time. */
  publishedAfter?: Date | null;
  /** Only quotes from articles published at or before this time. */
  publishedBefore?: Date | null;
  /** @deprecated the old name of publishedAfter. */
  from?: Date | null;
  /** @deprecated the old name of publishedBefore. */
  to?: Date | null;
}

function oneOf(current: Date | null | undefined, old: Date | null | undefined, name: string, oldName: string): Date | null {
  if (current && old && current.getTime() !== old.getTime()) {
    throw new BadUserInputError(`Pass ${name} only (${oldName} is its deprecated old name), not both with different times.`, oldName);
  }
  return current ?? old ?? null;
}

/** The date window of a filter under either vocabulary; BAD_USER_INPUT when they disagree or it is reversed. */
export function quoteDateWindow(filter: QuoteAnalystFilter): { after: Date | null; before: Date | null } {
  const after = oneOf(filter.publishedAfter, filter.from, "filter.publishedAfter", "filter.from");
  const before = oneOf(filter.publishedBefore, filter.to, "filter.publishedBefore", "filter.to");
  // A reversed window is named as the client wrote it (the deprecated names included).
  const afterName = filter.publishedAfter ? "filter.publishedAfter" : "filter.from";
  const beforeName = filter.publishedBefore ? "filter.publishedBefore" : "filter.to";
  checkDateRange(after, before, afterName, beforeName);
  return { after, before };
}

function nonEmpty(value: string, name: string): string {
  const v = value.trim();
  if (!v) throw new BadUserInputError(`${name} must not be empty.`, name);
  return v;
}

/**
 * The conditions of `filter`'s analyst fields on `q` (quotes) and `a` (articles), with their values added to
 * `p`. `article` says whether any of them reads the article (the caller must then join it as `a`).
 */
export function quoteAnalystConditions(filter: QuoteAnalystFilter, p: SqlParams): { where: string[]; article: boolean } {
  const where: string[] = [];
  const { after, before } = quoteDateWindow(filter);
  if (filter.outletId != null && filter.outletSlug != null) throw new BadUserInputError("Pass filter.outletId or filter.outletSlug, not both.", "filter.outletSlug");
  if (filter.outletId != null) where.push(`a.outlet_id = ${p.add(assertUuid(filter.outletId, "filter.outletId"))}`);
  if (filter.outletSlug != null) {
    where.push(`a.outlet_id = (SELECT o.id FROM outlets o WHERE o.slug = ${p.add(nonEmpty(filter.outletSlug, "filter.outletSlug").toLowerCase())})`);
  }
  if (filter.topic != null) where.push(`a.topics @> ARRAY[${p.add(nonEmpty(filter.topic, "filter.topic").toLowerCase())}::text]`);
  if (filter.language != null) where.push(`a.language = ${p.add(nonEmpty(filter.language, "filter.language"))}`);
  if (after) where.push(`a.sort_at >= ${p.add(after)}`);
  if (before) where.push(`a.sort_at <= ${p.add(before)}`);
  const article = where.length > 0;
  if (filter.speakerKind != null) where.push(`EXISTS (SELECT 1 FROM speakers sk WHERE sk.id = q.speaker_id AND sk.kind = ${p.add(filter.speakerKind)})`);
  if (filter.hasSpeaker === true) where.push(`q.speaker_id IS NOT NULL`);
  if (filter.hasSpeaker === false) where.push(`q.speaker_id IS NULL`);
  return { where, article };
}
