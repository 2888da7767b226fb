// Builds the shared view of one article body (tokens, paragraphs, quotes, sentences) that every extraction step reads.
import { findParagraphs, type Span } from "./paragraphs";
import { findQuotes, type QuoteSpan } from "./quote-finder";
import { splitSentences, type Sentence } from "./sentence-splitter";
import { tokenize, type Token } from "./text-tokens";

export interface DocumentModel {
  body: string;
  tokens: Token[];
  paragraphs: Span[];
  quotes: QuoteSpan[];
  sentences: Sentence[];
  tokenParagraph: Int32Array;
  tokenSentence: Int32Array;
  /** Index of the quote a token lies in (its marks included), or -1. */
  tokenQuote: Int32Array;
  /** Token index of each quote's opening mark, and of its closing mark (-1 when unclosed). */
  quoteOpenToken: number[];
  quoteCloseToken: number[];
  /** Words that occur in lower case somewhere outside quotes: a capitalised copy at a sentence start is then an ordinary word. */
  lowercaseWords: Set<string>;
  /** For each sentence, the index of its first word token (skipping an opening quotation mark). */
  sentenceFirstWord: Int32Array;
  /** 1 for the tokens of a wire-copy place line that opens a paragraph ("NEW DELHI:", "WASHINGTON (AP) —"). */
  dateline: Uint8Array;
}

/**
 * Marks the place line that opens a paragraph in wire copy: words in capitals at the very start of a paragraph,
 * then a colon or dash ("NEW DELHI:", "LAGOS –"), a bracketed agency ("WASHINGTON (AP) —") or a date and agency
 * ("BRUSSELS, Nov 18 (Reuters) -"). It names where the story was filed, never who speaks in it. Returns the
 * token after each place line, by its first token.
 */
export function findDatelines(tokens: readonly Token[], tokenParagraph: Int32Array): Map<number, number> {
  const out = new Map<number, number>();
  const dash = (t: Token | undefined): boolean => t?.kind === "punct" && (t.text === "–" || t.text === "—" || t.text === "-");
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokenParagraph[i - 1] === tokenParagraph[i]) continue;
    let k = i;
    let letters = 0;
    for (; k < tokens.length && tokenParagraph[k] === tokenParagraph[i]; k++) {
      const t = tokens[k] as Token;
      if (t.kind !== "word" || !t.cap || t.text !== t.text.toUpperCase() || /\d/.test(t.text)) break;
      letters += t.text.length;
    }
    if (k === i || letters < 4) continue;
    const next = tokens[k];
    let end = -1;
    if (next?.text === ":" || dash(next)) end = k + 1;
    else if (next?.text === "(" || next?.text === ",") {
      // A bracketed agency, a date or a country ("MANILA, Philippines —"): the line runs to the dash that ends it, a
      // few tokens on, through capitalised words, numbers and punctuation only ("NATO, the alliance, said" is no dateline).
      for (let j = k + 1; j < Math.min(tokens.length, k + 10) && tokenParagraph[j] === tokenParagraph[i]; j++) {
        const t = tokens[j] as Token;
        if (dash(t)) {
          end = j + 1;
          break;
        }
        if (t.kind === "word" && !t.cap && !/^\d/.test(t.text)) break;
      }
    }
    if (end > 0) out.set(i, end);
  }
  return out;
}

const TERMINAL_END = /[.!?…]['’”"]?$/;

export function buildDocumentModel(body: string): DocumentModel {
  const tokens = tokenize(body);
  const paragraphs = findParagraphs(body);
  const quotes = findQuotes(body, paragraphs);
  const n = tokens.length;

  const tokenParagraph = new Int32Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    while (p < paragraphs.length - 1 && t.start >= (paragraphs[p] as Span).end) p++;
    tokenParagraph[i] = p;
  }

  const tokenQuote = new Int32Array(n).fill(-1);
  const quoteOpenToken: number[] = [];
  const quoteCloseToken: number[] = [];
  let ti = 0;
  for (let q = 0; q < quotes.length; q++) {
    const quote = quotes[q] as QuoteSpan;
    while (ti < n && (tokens[ti] as Token).start < quote.outerStart) ti++;
    quoteOpenToken.push(ti);
    let last = -1;
    while (ti < n && (tokens[ti] as Token).start < quote.outerEnd) {
      tokenQuote[ti] = q;
      last = ti;
      ti++;
    }
    quoteCloseToken.push(quote.closeMark !== null ? last : -1);
  }

  const quoteEndsSentence = quotes.map((q) => TERMINAL_END.test(body.slice(q.start, q.end)));
  const datelines = findDatelines(tokens, tokenParagraph);
  const dateline = new Uint8Array(n);
  for (const [from, to] of datelines) dateline.fill(1, from, to);
  const sentences = splitAfterDatelines(splitSentences({ tokens, tokenParagraph, tokenQuote, quoteEndsSentence, quoteCloseToken }), datelines, tokens);
  const tokenSentence = new Int32Array(n);
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence;
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) tokenSentence[i] = s;
  }

  const lowercaseWords = new Set<string>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    if (t.kind === "word" && !t.cap && tokenQuote[i] === -1) lowercaseWords.add(t.lower);
  }

  const sentenceFirstWord = new Int32Array(sentences.length);
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence;
    let first = sentence.tokenStart;
    while (first < sentence.tokenEnd - 1 && (tokens[first] as Token).kind === "punct") first++;
    sentenceFirstWord[s] = first;
  }

  return { body, tokens, paragraphs, quotes, sentences, tokenParagraph, tokenSentence, tokenQuote, quoteOpenToken, quoteCloseToken, lowercaseWords, sentenceFirstWord, dateline };
}

/** Whether token i opens its sentence (ignoring an opening quotation mark). */
export function isSentenceInitial(model: DocumentModel, i: number): boolean {
  return model.sentenceFirstWord[model.tokenSentence[i] as number] === i;
}

/** The place line of a paragraph ends its own sentence: the story's first sentence starts after it. */
function splitAfterDatelines(sentences: Sentence[], datelines: Map<number, number>, tokens: readonly Token[]): Sentence[] {
  if (!datelines.size) return sentences;
  const out: Sentence[] = [];
  for (const s of sentences) {
    const end = datelines.get(s.tokenStart);
    if (end === undefined || end >= s.tokenEnd) {
      out.push(s);
      continue;
    }
    out.push({ ...s, tokenEnd: end, end: (tokens[end - 1] as Token).end });
    out.push({ ...s, tokenStart: end, start: (tokens[end] as Token).start });
  }
  return out;
}
