// Measures quote detection (precision/recall/F1) and speaker attribution against labelled passages; shared by the eval script and its test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle } from '../extract';
import { normaliseBody } from '../formats/body-normalise';
import type { ExtractedDocument, ExtractedSpeaker, QuoteKind, RawArticle, Sentiment } from '../types';

export interface LabelledQuote {
  text: string;
  speaker: string | null;
  kind: QuoteKind;
}

export interface LabelledReaction {
  text: string;
  sentiment: Sentiment;
  platform?: string | null;
}

export interface LabelledPassage {
  id: string;
  text: string;
  quotes: LabelledQuote[];
  reactions: LabelledReaction[];
}

export interface PassageMiss {
  id: string;
  missed: LabelledQuote[];
  spurious: { text: string; speaker: string | null }[];
  wrongSpeaker: { text: string; expected: string | null; got: string | null }[];
  wrongKind: { text: string; expected: QuoteKind; got: QuoteKind }[];
  missedReactions: LabelledReaction[];
  spuriousReactions: string[];
  wrongSentiment: { text: string; expected: Sentiment; got: Sentiment }[];
}

export interface QuoteEvalReport {
  passages: number;
  expectedQuotes: number;
  predictedQuotes: number;
  matchedQuotes: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of matched quotes whose speaker is right (null is right only when null was expected). */
  attribution: number;
  /** Share of matched quotes whose DIRECT/PARTIAL kind is right. */
  kindAccuracy: number;
  reactionPrecision: number;
  reactionRecall: number;
  /** Share of matched reactions with the expected sentiment. */
  sentimentAccuracy: number;
  misses: PassageMiss[];
}

/** Compares quote texts after trimming punctuation and whitespace at both ends and collapsing inner whitespace. */
export function normaliseQuoteText(text: string): string {
  return text
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * A name reduced for comparison: lower case, no dots, no leading article or possessive owner ("Russia’s Defence
 * Ministry" → "defence ministry", "South Korea’s presidential office" → "presidential office").
 */
export function normaliseSpeakerName(name: string): string {
  return name
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/^(?:\p{Lu}\S*\s+){0,3}\S+['’]s\s+/u, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/^(?:the|a|an)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a predicted speaker is the expected one, allowing aliases and surname-only names. */
export function sameSpeaker(expected: string | null, predicted: string | null, speakers: readonly ExtractedSpeaker[]): boolean {
  if (expected === null || predicted === null) return expected === predicted;
  const e = normaliseSpeakerName(expected);
  const p = normaliseSpeakerName(predicted);
  if (e === p) return true;
  const entry = speakers.find((s) => s.name === predicted);
  if (entry && entry.aliases.some((a) => normaliseSpeakerName(a) === e)) return true;
  const eWords = e.split(' ');
  const pWords = p.split(' ');
  const lastE = eWords[eWords.length - 1];
  const lastP = pWords[pWords.length - 1];
  return (eWords.length === 1 || pWords.length === 1) && lastE === lastP;
}

/** Every labelled passage in `dir`, or only those of the named batches (file names without `.json`). */
export function loadPassages(dir: string, batches?: readonly string[]): LabelledPassage[] {
  const passages: LabelledPassage[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && (!batches || batches.includes(f.slice(0, -'.json'.length))));
  for (const file of files.sort()) {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { passages: LabelledPassage[] };
    for (const p of parsed.passages) passages.push({ ...p, reactions: p.reactions ?? [] });
  }
  return passages;
}

export function passageArticle(passage: LabelledPassage): RawArticle {
  return { title: passage.id, url: null, publishedAt: null, dateline: null, language: 'en', body: normaliseBody(passage.text), source: { format: 'text', name: passage.id } };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

export function evaluatePassages(passages: readonly LabelledPassage[], extract: (raw: RawArticle) => ExtractedDocument = extractArticle): QuoteEvalReport {
  let expected = 0;
  let predicted = 0;
  let matched = 0;
  let rightSpeaker = 0;
  let rightKind = 0;
  let expectedReactions = 0;
  let predictedReactions = 0;
  let matchedReactions = 0;
  let rightSentiment = 0;
  const misses: PassageMiss[] = [];

  for (const passage of passages) {
    const doc = extract(passageArticle(passage));
    const miss: PassageMiss = { id: passage.id, missed: [], spurious: [], wrongSpeaker: [], wrongKind: [], missedReactions: [], spuriousReactions: [], wrongSentiment: [] };
    const unused = doc.quotes.map((q) => ({ q, key: normaliseQuoteText(q.text), used: false }));
    expected += passage.quotes.length;
    predicted += doc.quotes.length;
    for (const want of passage.quotes) {
      const key = normaliseQuoteText(want.text);
      const hit = unused.find((u) => !u.used && u.key === key);
      if (!hit) {
        miss.missed.push(want);
        continue;
      }
      hit.used = true;
      matched++;
      if (sameSpeaker(want.speaker, hit.q.speaker, doc.speakers)) rightSpeaker++;
      else miss.wrongSpeaker.push({ text: want.text, expected: want.speaker, got: hit.q.speaker });
      if (want.kind === hit.q.kind) rightKind++;
      else miss.wrongKind.push({ text: want.text, expected: want.kind, got: hit.q.kind });
    }
    for (const u of unused) if (!u.used) miss.spurious.push({ text: u.q.text, speaker: u.q.speaker });

    expectedReactions += passage.reactions.length;
    predictedReactions += doc.reactions.length;
    const reactionPool = doc.reactions.map((r) => ({ r, key: normaliseQuoteText(r.text), used: false }));
    for (const want of passage.reactions) {
      const hit = reactionPool.find((u) => !u.used && u.key === normaliseQuoteText(want.text));
      if (!hit) {
        miss.missedReactions.push(want);
        continue;
      }
      hit.used = true;
      matchedReactions++;
      if (hit.r.sentiment === want.sentiment) rightSentiment++;
      else miss.wrongSentiment.push({ text: want.text, expected: want.sentiment, got: hit.r.sentiment });
    }
    for (const u of reactionPool) if (!u.used) miss.spuriousReactions.push(u.r.text);
    const problems = [miss.missed, miss.spurious, miss.wrongSpeaker, miss.wrongKind, miss.missedReactions, miss.spuriousReactions, miss.wrongSentiment];
    if (problems.some((list) => list.length > 0)) misses.push(miss);
  }

  const precision = ratio(matched, predicted);
  const recall = ratio(matched, expected);
  return {
    passages: passages.length,
    expectedQuotes: expected,
    predictedQuotes: predicted,
    matchedQuotes: matched,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    attribution: ratio(rightSpeaker, matched),
    kindAccuracy: ratio(rightKind, matched),
    reactionPrecision: ratio(matchedReactions, predictedReactions),
    reactionRecall: ratio(matchedReactions, expectedReactions),
    sentimentAccuracy: ratio(rightSentiment, matchedReactions),
    misses,
  };
}
