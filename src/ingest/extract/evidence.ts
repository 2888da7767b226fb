// The evidence behind a quote's speaker: the rule that found it, the cue, the words naming the speaker and a
// confidence taken from the rule's measured accuracy (docs/attribution.md shows the calibration table).
import type { QuoteEvidence } from '../types';
import type { Attribution, AttributionVia } from './attribution';
import type { DocumentModel } from './document-model';

const METHOD: Record<AttributionVia, string> = {
  after: 'cue-after',
  before: 'cue-before',
  coordinated: 'coordinated',
  final: 'final-clause',
  colon: 'colon',
  continued: 'continued',
  signoff: 'signoff',
  none: 'none',
};

/**
 * Confidence by method and by what was followed, measured on the first-sight set (issue 18): the share of quotes
 * found that way whose speaker was right, shrunk towards the overall rate where a cell has few quotes.
 */
const BY_METHOD: Record<string, number> = {
  'cue-after': 0.97,
  'cue-before': 0.95,
  coordinated: 0.95,
  'final-clause': 0.9,
  colon: 0.9,
  continued: 0.88,
  signoff: 0.9,
};
const FOLLOWED_FACTOR: Record<NonNullable<QuoteEvidence['followed']>, number> = {
  pronoun: 0.95,
  description: 0.9,
  document: 0.85,
  'earlier-quote': 1,
};

export function confidenceOf(method: string, followed: QuoteEvidence['followed']): number {
  const base = BY_METHOD[method] ?? 0.8;
  const factor = followed ? FOLLOWED_FACTOR[followed] : 1;
  return Math.round(base * factor * 100) / 100;
}

/** The evidence for a quote attributed by `a`; null when the quote has no speaker. */
export function evidenceOf(model: DocumentModel, a: Attribution, hasSpeaker: boolean): QuoteEvidence | null {
  const subject = a.subject;
  if (!hasSpeaker || !subject || a.via === 'none') return null;
  const first = model.tokens[subject.from];
  const last = model.tokens[subject.to - 1];
  const mention = first && last && subject.to > subject.from ? { text: model.body.slice(first.start, last.end), start: first.start, end: last.end } : null;
  const followed: QuoteEvidence['followed'] =
    a.via === 'continued' ? 'earlier-quote' : subject.kind === 'pronoun' ? 'pronoun' : subject.kind === 'description' ? 'description' : subject.kind === 'document' ? 'document' : null;
  const method = METHOD[a.via];
  return { method, cue: a.cue?.text ?? null, mention, followed, confidence: confidenceOf(method, followed) };
}
