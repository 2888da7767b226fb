// Splits tokens into sentences without breaking inside quotations, and without stopping at "Mr." or "U.S.".
import type { Token } from "./text-tokens";
import { isSentenceStarterWord } from "./lexicon/common-words";

export interface Sentence {
  /** Token range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  paragraph: number;
}

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "sen",
  "rep",
  "gov",
  "gen",
  "lt",
  "col",
  "capt",
  "sgt",
  "st",
  "jr",
  "sr",
  "inc",
  "corp",
  "ltd",
  "co",
  "no",
  "vs",
  "etc",
  "mt",
  "ft",
  "rev",
  "hon",
  "dept",
  "est",
  "fig",
  "approx",
  "jan",
  "feb",
  "mar",
  "apr",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "supt",
  "insp",
  "det",
  "adm",
  "maj",
  "cmdr",
  "fr",
  "atty",
  "amb",
  "pres",
  "nos",
  "op",
  "vol",
]);

const TERMINAL = new Set([".", "!", "?", "…"]);
const TRAILING_CLOSERS = new Set([")", "]", "’", "'"]);

export interface SentenceInput {
  tokens: readonly Token[];
  tokenParagraph: Int32Array;
  /** Quote index for tokens inside a quote (marks included), -1 outside. */
  tokenQuote: Int32Array;
  /** For each quote, whether its words end with terminal punctuation, and the token index of its closing mark (-1 when unclosed). */
  quoteEndsSentence: readonly boolean[];
  quoteCloseToken: readonly number[];
}

function startsSentence(token: Token | undefined, tokenQuote: number): boolean {
  if (!token) return false;
  if (tokenQuote >= 0 && token.kind === "punct") return true; // an opening quotation mark
  return token.cap || /^\p{N}/u.test(token.text);
}

function isAbbreviationBefore(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev || prev.kind !== "word" || prev.end !== (tokens[i] as Token).start) return false;
  if (ABBREVIATIONS.has(prev.lower)) return true;
  return isInitial(tokens, i - 1);
}

/** A capital letter before a dot is an initial ("J. K. Rowling", "George W. Bush") when a name or another initial precedes it, not in "posted on X. Then …". */
export function isInitial(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  if (!t || !/^\p{Lu}$/u.test(t.text)) return false;
  const before = tokens[k - 1];
  if (!before) return true;
  if (before.text === ".") return true;
  return before.kind === "word" && before.cap;
}

export function splitSentences(input: SentenceInput): Sentence[] {
  const { tokens, tokenParagraph, tokenQuote } = input;
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number): void => {
    if (last < first) return;
    const a = tokens[first] as Token;
    const b = tokens[last] as Token;
    sentences.push({ tokenStart: first, tokenEnd: last + 1, start: a.start, end: b.end, paragraph: tokenParagraph[first] as number });
    first = last + 1;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    const q = tokenQuote[i] as number;
    // Paragraph ends are hard breaks, except inside a quote that runs on into the next paragraph.
    if (!next || (tokenParagraph[i + 1] !== tokenParagraph[i] && (q < 0 || tokenQuote[i + 1] !== q))) {
      close(i);
      continue;
    }
    if (q >= 0) {
      // Inside a quote only its closing mark can end a sentence: “Are you sure?” The minister left.
      if (input.quoteCloseToken[q] === i && input.quoteEndsSentence[q] && startsSentence(next, tokenQuote[i + 1] as number) && next.kind === "word") {
        close(i);
      } else if (input.quoteCloseToken[q] === i && input.quoteEndsSentence[q] && (tokenQuote[i + 1] as number) >= 0 && tokenQuote[i + 1] !== q) {
        close(i); // “A.” “B.” — two quoted sentences side by side
      }
      continue;
    }
    const terminal = TERMINAL.has(t.text) || (t.kind === "word" && t.text.endsWith(".") && t.text.length > 1);
    if (!terminal) continue;
    let j = i + 1;
    while (j < tokens.length && TRAILING_CLOSERS.has((tokens[j] as Token).text) && (tokenQuote[j] as number) < 0) j++;
    const after = tokens[j];
    if (!after || !startsSentence(after, tokenQuote[j] as number)) continue;
    if (t.text === "." && isAbbreviationBefore(tokens, i)) {
      // "Mr. Smith" never ends; "Inc. The" does when a usual sentence opener follows.
      if (!(after.kind === "word" && isSentenceStarterWord(after.lower))) continue;
    }
    if (t.kind === "word") {
      // A dotted abbreviation ("U.S.") ends a sentence only before a usual sentence opener.
      if (!(after.kind === "word" && isSentenceStarterWord(after.lower)) && !((tokenQuote[j] as number) >= 0)) continue;
    }
    close(j - 1);
    i = j - 1;
  }
  return sentences;
}
