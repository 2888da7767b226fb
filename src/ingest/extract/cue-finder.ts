// Spots speech cues ("said", "according to", "pointed out") at a token, so attribution can look for their subjects.
import type { DocumentModel } from "./document-model";
import { cueBase, isParticipleCue, isWeakCue, PHRASE_CUES } from "./lexicon/cue-verbs";
import type { Token } from "./text-tokens";

export interface Cue {
  /** First token of the cue. */
  at: number;
  /** Number of tokens it spans ("according to" is 2). */
  length: number;
  base: string;
  /** The cue as written, for the output. */
  text: string;
  weak: boolean;
  participle: boolean;
}

/** Cues by token, computed once per model: attribution asks about the same tokens many times. */
const CACHE = new WeakMap<DocumentModel, (Cue | null | undefined)[]>();

export function cueAt(model: DocumentModel, k: number): Cue | null {
  let cache = CACHE.get(model);
  if (!cache) {
    cache = new Array<Cue | null | undefined>(model.tokens.length);
    CACHE.set(model, cache);
  }
  const hit = cache[k];
  if (hit !== undefined) return hit;
  const cue = computeCueAt(model, k);
  if (k >= 0 && k < cache.length) cache[k] = cue;
  return cue;
}

function computeCueAt(model: DocumentModel, k: number): Cue | null {
  const t = model.tokens[k];
  if (!t || t.kind !== "word" || model.tokenQuote[k] !== -1) return null;
  for (const phrase of PHRASE_CUES) {
    if (phrase[0] !== t.lower) continue;
    let ok = true;
    for (let p = 1; p < phrase.length; p++) if (model.tokens[k + p]?.lower !== phrase[p]) ok = false;
    if (ok) {
      const last = model.tokens[k + phrase.length - 1] as Token;
      return { at: k, length: phrase.length, base: phrase.join(" "), text: model.body.slice(t.start, last.end), weak: false, participle: false };
    }
  }
  const base = cueBase(t.lower);
  if (!base) return null;
  // "the said agreement", "State" (capitalised noun) are not cues.
  const prev = model.tokens[k - 1];
  if (prev && (prev.lower === "the" || prev.lower === "a" || prev.lower === "an")) return null;
  if (t.cap && base === "state") return null;
  return { at: k, length: 1, base, text: t.text, weak: isWeakCue(base), participle: isParticipleCue(t.lower) };
}
