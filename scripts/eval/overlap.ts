// The Gender Gap Tracker's overlap scoring (Asr et al. 2021): a predicted quote counts as found when its span covers
// more than a share (30% or 80%) of a gold quote's span; its speaker is then compared with the gold one.
import type { ExtractedDocument } from "../../src/ingest/types";

export interface OverlapScore {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of overlap-matched quotes whose speaker name is right. */
  attribution: number;
}

interface Gold {
  text: string;
  speaker: string | null;
}

export type SameSpeaker = (expected: string | null, got: string | null, doc: ExtractedDocument) => boolean;

/** Start offsets of each gold quote in the body, in order, each found after the previous one of the same text. */
function goldSpans(body: string, quotes: readonly Gold[]): { start: number; end: number; gold: Gold }[] {
  const next = new Map<string, number>();
  const out: { start: number; end: number; gold: Gold }[] = [];
  for (const gold of quotes) {
    const from = next.get(gold.text) ?? 0;
    const start = body.indexOf(gold.text, from);
    if (start < 0) continue;
    next.set(gold.text, start + gold.text.length);
    out.push({ start, end: start + gold.text.length, gold });
  }
  return out;
}

export function overlapScores(inputs: readonly { passage: { quotes: readonly Gold[] }; doc: ExtractedDocument }[], threshold: number, compare: SameSpeaker): OverlapScore {
  let gold = 0;
  let predicted = 0;
  let goldFound = 0;
  let predictedRight = 0;
  let pairs = 0;
  let rightSpeaker = 0;
  for (const { passage, doc } of inputs) {
    const spans = goldSpans(doc.article.body, passage.quotes);
    gold += passage.quotes.length;
    predicted += doc.quotes.length;
    const found = new Set<number>();
    for (const q of doc.quotes) {
      let best = -1;
      let bestCover = 0;
      spans.forEach((s, i) => {
        const cover = Math.max(0, Math.min(s.end, q.end) - Math.max(s.start, q.start)) / Math.max(1, s.end - s.start);
        if (cover > bestCover) {
          bestCover = cover;
          best = i;
        }
      });
      if (best < 0 || bestCover <= threshold) continue;
      predictedRight++;
      if (found.has(best)) continue;
      found.add(best);
      pairs++;
      if (compare((spans[best] as { gold: Gold }).gold.speaker, q.speaker, doc)) rightSpeaker++;
    }
    goldFound += found.size;
  }
  const precision = predicted === 0 ? 1 : predictedRight / predicted;
  const recall = gold === 0 ? 1 : goldFound / gold;
  return { threshold, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), attribution: pairs === 0 ? 1 : rightSpeaker / pairs };
}
