// The nearest speech cue before a token, in time independent of how far back it is: attribution asks
// this for every quote, and scanning back token by token made a long sentence full of quotes quadratic
// (issue 17, finding 3). Two arrays computed once per model answer "the nearest token outside quotes at
// or before k" and "the nearest strong cue at or before k".
import { cueAt, type Cue } from "./cue-finder";
import type { DocumentModel } from "./document-model";

interface CueIndex {
  /** The nearest token at or before k that is not inside a quote (-1: none). */
  prevOpen: Int32Array;
  /** The nearest token at or before k where a strong (not weak) cue starts (-1: none). */
  prevStrong: Int32Array;
}

const INDEX = new WeakMap<DocumentModel, CueIndex>();

function indexOf(model: DocumentModel): CueIndex {
  let ix = INDEX.get(model);
  if (ix) return ix;
  const n = model.tokens.length;
  const prevOpen = new Int32Array(n);
  const prevStrong = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    prevOpen[k] = model.tokenQuote[k] === -1 ? k : k > 0 ? (prevOpen[k - 1] as number) : -1;
    const cue = model.tokenQuote[k] === -1 ? cueAt(model, k) : null;
    prevStrong[k] = cue && !cue.weak ? k : k > 0 ? (prevStrong[k - 1] as number) : -1;
  }
  INDEX.set(model, (ix = { prevOpen, prevStrong }));
  return ix;
}

/**
 * Scanning back from `open - 1` to `floor` over the tokens outside quotes: the first cue among the
 * nearest `reach + 1` of them (weak or strong), else the nearest strong cue further back.
 */
export function nearestCueBefore(model: DocumentModel, open: number, floor: number, reach: number): Cue | null {
  const ix = indexOf(model);
  let k = open - 1;
  for (let distance = 0; distance <= reach; distance++) {
    if (k < floor) return null;
    k = ix.prevOpen[k] as number;
    if (k < floor) return null;
    const cue = cueAt(model, k);
    if (cue) return cue;
    k--;
  }
  if (k < floor) return null;
  const strong = ix.prevStrong[k] as number;
  return strong >= floor ? cueAt(model, strong) : null;
}
