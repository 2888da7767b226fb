// Finds quoted spans in an article body: typographic and ASCII double quotes, British single quotes, and quotes that run over paragraphs.
import type { Span } from "./paragraphs";

export interface QuoteSpan {
  /** Offsets of the quoted words, without the marks (body.slice(start, end) is the quote text). */
  start: number;
  end: number;
  /** Offset of the opening mark, and one past the closing mark (the paragraph end when the quote is never closed). */
  outerStart: number;
  outerEnd: number;
  openMark: string;
  /** Null when the writer never closed the quote before the paragraph ended. */
  closeMark: string | null;
  style: "double" | "single";
  /** Index of the paragraph the quote opens in, and of the one it closes in (differs for multi-paragraph quotes). */
  paragraph: number;
  lastParagraph: number;
}

const DOUBLE_MARKS = /[“”„‟"«»]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
/** Characters after which an ASCII mark opens rather than closes a quote. */
const OPENER_CONTEXT = /[\s([{—–\-/:;,]/;

interface OpenQuote {
  mark: string;
  closers: string;
  at: number;
  style: "double" | "single";
  paragraph: number;
}

function charAt(body: string, i: number): string {
  return i >= 0 && i < body.length ? (body[i] as string) : "";
}

function opensAfter(body: string, i: number, paragraphStart: number): boolean {
  return i === paragraphStart || OPENER_CONTEXT.test(charAt(body, i - 1));
}

function doubleOpener(body: string, i: number, paragraphStart: number): OpenQuote | null {
  const ch = charAt(body, i);
  const next = charAt(body, i + 1);
  // French typography puts a space inside guillemets: « non ».
  if (next === "" || (SPACE.test(next) && ch !== "«")) return null;
  switch (ch) {
    case "“":
      // “ also closes German-style „…“ quotes, but as an opener it pairs with ” (or a second “ used as a closer).
      return { mark: ch, closers: "”“", at: i, style: "double", paragraph: -1 };
    case "„":
      return { mark: ch, closers: "“”", at: i, style: "double", paragraph: -1 };
    case "‟":
      return { mark: ch, closers: "”", at: i, style: "double", paragraph: -1 };
    case "«":
      return { mark: ch, closers: "»", at: i, style: "double", paragraph: -1 };
    case '"':
      return opensAfter(body, i, paragraphStart) ? { mark: ch, closers: '"', at: i, style: "double", paragraph: -1 } : null;
    case "”":
      // Some copy uses ” for both marks; accept it as an opener only where a quote plainly starts.
      return opensAfter(body, i, paragraphStart) && LETTER_OR_DIGIT.test(next) ? { mark: ch, closers: "”", at: i, style: "double", paragraph: -1 } : null;
    default:
      return null;
  }
}

const ELISION = /^(?:em|tis|twas|cause|til|bout|n|s)\b/i;

function singleOpener(body: string, i: number, paragraphStart: number): OpenQuote | null {
  const ch = charAt(body, i);
  if (ch !== "‘" && ch !== "'") return null;
  const next = charAt(body, i + 1);
  if (!LETTER_OR_DIGIT.test(next) && next !== "…") return null;
  if (!opensAfter(body, i, paragraphStart)) return null;
  const ahead = body.slice(i + 1, i + 6);
  if (/^\d0s/.test(ahead) || ELISION.test(ahead)) return null;
  return { mark: ch, closers: ch === "‘" ? "’" : "'", at: i, style: "single", paragraph: -1 };
}

/** A single closing mark that could also be an apostrophe of a plural possessive ("leaders’ meeting"). */
function isWeakSingleCloser(body: string, i: number): boolean {
  return charAt(body, i - 1) === "s" && charAt(body, i + 1) === " " && /[a-z]/.test(charAt(body, i + 2));
}

function isSingleCloser(body: string, i: number, closers: string): boolean {
  const ch = charAt(body, i);
  if (!closers.includes(ch)) return false;
  const prev = charAt(body, i - 1);
  const next = charAt(body, i + 1);
  return prev !== "" && !SPACE.test(prev) && !LETTER_OR_DIGIT.test(next);
}

function hasLaterSingleCloser(body: string, from: number, end: number, closers: string): boolean {
  for (let j = from; j < end; j++) if (isSingleCloser(body, j, closers) && !isWeakSingleCloser(body, j)) return true;
  return false;
}

/** Whether an unclosed quote is still worth keeping: it plainly opened an utterance (paragraph start or after ":"/","). */
function keepUnclosed(body: string, open: OpenQuote, paragraphStart: number): boolean {
  if (open.at === paragraphStart) return true;
  let j = open.at - 1;
  while (j >= paragraphStart && SPACE.test(charAt(body, j))) j--;
  const before = charAt(body, j);
  return before === ":" || before === ",";
}

export function findQuotes(body: string, paragraphs: readonly Span[]): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  let open: OpenQuote | null = null;

  const emit = (innerStart: number, innerEnd: number, outerEnd: number, closeMark: string | null, lastParagraph: number): void => {
    if (!open) return;
    let s = innerStart;
    let e = innerEnd;
    while (s < e && SPACE.test(charAt(body, s))) s++;
    while (e > s && SPACE.test(charAt(body, e - 1))) e--;
    if (e > s) {
      quotes.push({ start: s, end: e, outerStart: open.at, outerEnd, openMark: open.mark, closeMark, style: open.style, paragraph: open.paragraph, lastParagraph });
    }
    open = null;
  };

  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p] as Span;
    // Single marks quote only in paragraphs without double marks, or where a ‘ opens before any double mark
    // (British style, with “…” nested inside); elsewhere ’ and ' are apostrophes.
    const text = body.slice(para.start, para.end);
    const firstDouble = text.search(DOUBLE_MARKS);
    const firstSingle = text.indexOf("‘");
    const allowSingle = firstDouble < 0 || (firstSingle >= 0 && firstSingle < firstDouble);
    let i = para.start;
    // A quote carried over from the previous paragraph skips this paragraph's reopening mark.
    if (open) i++;
    for (; i < para.end; i++) {
      // Most characters cannot be quotation marks: skip them on their code before any closer look.
      const code = body.charCodeAt(i);
      if (code !== 34 && code !== 39 && (code < 0xab || (code !== 0xab && code !== 0xbb && (code < 0x2018 || code > 0x201f)))) continue;
      const ch = charAt(body, i);
      if (!open) {
        const opened: OpenQuote | null = doubleOpener(body, i, para.start) ?? (allowSingle ? singleOpener(body, i, para.start) : null);
        if (opened) {
          opened.paragraph = p;
          open = opened;
        }
        continue;
      }
      const current: OpenQuote = open;
      if (current.style === "double") {
        if (!current.closers.includes(ch)) continue;
        // A second “ closes only where the quote plainly ends; otherwise it is a nested or stray mark.
        if (ch === "“" && current.mark === "“" && LETTER_OR_DIGIT.test(charAt(body, i + 1))) continue;
        emit(current.at + 1, i, i + 1, ch, p);
      } else if (isSingleCloser(body, i, current.closers)) {
        if (isWeakSingleCloser(body, i) && hasLaterSingleCloser(body, i + 1, para.end, current.closers)) continue;
        emit(current.at + 1, i, i + 1, ch, p);
      }
    }
    if (open) {
      const carried: OpenQuote = open;
      const next = paragraphs[p + 1];
      const reopens = next !== undefined && charAt(body, next.start) === carried.mark;
      if (!reopens) {
        if (keepUnclosed(body, carried, (paragraphs[carried.paragraph] as Span).start)) emit(carried.at + 1, para.end, para.end, null, p);
        else open = null;
      }
    }
  }
  return quotes;
}
