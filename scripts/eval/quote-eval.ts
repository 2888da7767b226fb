// Measures quote detection (precision/recall/F1) and speaker attribution against labelled passages; shared by the eval script and its test.
// Evaluation tooling, not part of the server: it lives under scripts/ and only reads the extractor's public output.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { extractArticle } from "../../src/ingest/extract";
import { normaliseBody } from "../../src/ingest/formats/body-normalise";
import type { ExtractedDocument, ExtractedSpeaker, QuoteKind, RawArticle, Sentiment } from "../../src/ingest/types";
import { overlapScores, type OverlapScore, type SameSpeaker } from "./overlap";

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
  /** Matched quotes whose gold speaker is a name (not null). */
  namedQuotes: number;
  /** Resolved-name attribution accuracy: share of `namedQuotes` given that speaker. */
  namedAttribution: number;
  /** Share of `namedQuotes` left with no speaker (the text names one, the extractor gave none). */
  speakerless: number;
  /** Share of `namedQuotes` given a different name. */
  wrongName: number;
  /** Matched quotes with no speaker in the gold that were given a name anyway. */
  inventedNames: number;
  /** Share of all predicted quotes that carry no speaker. */
  predictedSpeakerless: number;
  /** The Gender Gap Tracker's overlap scoring: a predicted quote counts when it covers more than 30% / 80% of a gold span. */
  overlap: { at30: OverlapScore; at80: OverlapScore };
  /** Every exactly matched quote with its outcome, for calibration. */
  scored: ScoredQuote[];
  misses: PassageMiss[];
}

export interface ScoredQuote {
  passage: string;
  text: string;
  expected: string | null;
  got: string | null;
  correct: boolean;
  /** The extractor's confidence in the speaker, when it reports one. */
  confidence: number | null;
  /** The rule that found the speaker and what it followed ("cue-after/pronoun"), when reported. */
  method: string | null;
}

/** Compares quote texts after trimming punctuation and whitespace at both ends and collapsing inner whitespace. */
export function normaliseQuoteText(text: string): string {
  return text
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/**
 * A name reduced for comparison: lower case, no dots, no leading article or possessive owner ("Russia’s Defence
 * Ministry" → "defence ministry", "South Korea’s presidential office" → "presidential office").
 */
export function normaliseSpeakerName(name: string): string {
  return name
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/^(?:\p{Lu}\S*\s+){0,3}\S+['’]s\s+/u, "")
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/^(?:the|a|an)\s+/, "")
    .replace(/\s+/g, " ")
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
  const eWords = e.split(" ");
  const pWords = p.split(" ");
  const lastE = eWords[eWords.length - 1];
  const lastP = pWords[pWords.length - 1];
  return (eWords.length === 1 || pWords.length === 1) && lastE === lastP;
}

function readBatchFile(path: string, into: LabelledPassage[]): void {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as { passages: LabelledPassage[] };
  for (const p of parsed.passages) into.push({ ...p, reactions: p.reactions ?? [] });
}

/**
 * Every labelled passage in the `*.json` files of `dir`, or only those of the named batches. A batch is a file
 * (`world-desk` for `world-desk.json`) or a folder of files (`first-sight`): folders are held-out sets that are
 * never part of the default run, so the rules are not tuned on them by accident.
 */
export function loadPassages(dir: string, batches?: readonly string[]): LabelledPassage[] {
  const passages: LabelledPassage[] = [];
  if (!batches) {
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort())
      readBatchFile(join(dir, file), passages);
    return passages;
  }
  for (const batch of batches) {
    const folder = join(dir, batch);
    let isFolder: boolean;
    try {
      isFolder = statSync(folder).isDirectory();
    } catch {
      isFolder = false;
    }
    if (isFolder)
      for (const file of readdirSync(folder)
        .filter((f) => f.endsWith(".json"))
        .sort())
        readBatchFile(join(folder, file), passages);
    else {
      try {
        readBatchFile(join(dir, `${batch}.json`), passages);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
    }
  }
  return passages;
}

export function passageArticle(passage: LabelledPassage): RawArticle {
  return { title: passage.id, url: null, publishedAt: null, dateline: null, language: "en", body: normaliseBody(passage.text), source: { format: "text", name: passage.id } };
}

/**
 * The speaker name a quote is scored with: an unnamed source ("a senior administration official", kind UNNAMED)
 * counts as no name, as the labels give it null.
 */
export function predictedName(q: { speaker: string | null }, speakers: readonly ExtractedSpeaker[]): string | null {
  if (q.speaker === null) return null;
  const entry = speakers.find((s) => s.name === q.speaker);
  return entry && (entry.kind as string) === "UNNAMED" ? null : q.speaker;
}

const sameNamed: SameSpeaker = (expected, got, doc) => sameSpeaker(expected, got === null ? null : predictedName({ speaker: got }, doc.speakers), doc.speakers);

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
  let named = 0;
  let namedRight = 0;
  let namedNull = 0;
  let invented = 0;
  let predictedNull = 0;
  const scored: ScoredQuote[] = [];
  const overlapInputs: { passage: LabelledPassage; doc: ExtractedDocument }[] = [];
  const misses: PassageMiss[] = [];

  for (const passage of passages) {
    const doc = extract(passageArticle(passage));
    const miss: PassageMiss = { id: passage.id, missed: [], spurious: [], wrongSpeaker: [], wrongKind: [], missedReactions: [], spuriousReactions: [], wrongSentiment: [] };
    const unused = doc.quotes.map((q) => ({ q, key: normaliseQuoteText(q.text), used: false }));
    expected += passage.quotes.length;
    predicted += doc.quotes.length;
    for (const q of doc.quotes) if (predictedName(q, doc.speakers) === null) predictedNull++;
    overlapInputs.push({ passage, doc });
    for (const want of passage.quotes) {
      const key = normaliseQuoteText(want.text);
      const hit = unused.find((u) => !u.used && u.key === key);
      if (!hit) {
        miss.missed.push(want);
        continue;
      }
      hit.used = true;
      matched++;
      const got = predictedName(hit.q, doc.speakers);
      const correct = sameSpeaker(want.speaker, got, doc.speakers);
      if (correct) rightSpeaker++;
      else miss.wrongSpeaker.push({ text: want.text, expected: want.speaker, got });
      if (want.speaker !== null) {
        named++;
        if (correct) namedRight++;
        else if (got === null) namedNull++;
      } else if (got !== null) invented++;
      const evidence = hit.q.attribution;
      const method = evidence ? `${evidence.method}${evidence.followed ? `/${evidence.followed}` : ""}` : null;
      scored.push({ passage: passage.id, text: want.text, expected: want.speaker, got, correct, confidence: evidence ? evidence.confidence : null, method });
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
    namedQuotes: named,
    namedAttribution: ratio(namedRight, named),
    speakerless: named === 0 ? 0 : namedNull / named,
    wrongName: named === 0 ? 0 : (named - namedRight - namedNull) / named,
    inventedNames: invented,
    predictedSpeakerless: predicted === 0 ? 0 : predictedNull / predicted,
    overlap: { at30: overlapScores(overlapInputs, 0.3, sameNamed), at80: overlapScores(overlapInputs, 0.8, sameNamed) },
    scored,
    kindAccuracy: ratio(rightKind, matched),
    reactionPrecision: ratio(matchedReactions, predictedReactions),
    reactionRecall: ratio(matchedReactions, expectedReactions),
    sentimentAccuracy: ratio(rightSentiment, matchedReactions),
    misses,
  };
}

export interface CalibrationBin {
  from: number;
  to: number;
  quotes: number;
  /** Mean confidence of the quotes in the bin. */
  meanConfidence: number;
  /** Share of them whose speaker is right. */
  accuracy: number;
}

/** Confidence against observed accuracy in bins of `width`, over scored quotes that carry a confidence. */
export function calibrationTable(scored: readonly ScoredQuote[], width = 0.1): CalibrationBin[] {
  const bins: CalibrationBin[] = [];
  const steps = Math.round(1 / width);
  for (let b = 0; b < steps; b++) {
    const from = b * width;
    const to = from + width;
    const inBin = scored.filter((s) => s.confidence !== null && s.confidence >= from && (s.confidence < to || (b === steps - 1 && s.confidence <= 1)));
    if (!inBin.length) continue;
    const mean = inBin.reduce((a, s) => a + (s.confidence as number), 0) / inBin.length;
    bins.push({ from, to, quotes: inBin.length, meanConfidence: mean, accuracy: inBin.filter((s) => s.correct).length / inBin.length });
  }
  return bins;
}
