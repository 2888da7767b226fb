// Builds the shared view of one article body (tokens, paragraphs, quotes, sentences) that every extraction step reads.
import { findParagraphs, type Span } from './paragraphs';
import { findQuotes, type QuoteSpan } from './quote-finder';
import { splitSentences, type Sentence } from './sentence-splitter';
import { tokenize, type Token } from './text-tokens';

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
  const sentences = splitSentences({ tokens, tokenParagraph, tokenQuote, quoteEndsSentence, quoteCloseToken });
  const tokenSentence = new Int32Array(n);
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence;
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) tokenSentence[i] = s;
  }

  const lowercaseWords = new Set<string>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'word' && !t.cap && tokenQuote[i] === -1) lowercaseWords.add(t.lower);
  }

  const sentenceFirstWord = new Int32Array(sentences.length);
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence;
    let first = sentence.tokenStart;
    while (first < sentence.tokenEnd - 1 && (tokens[first] as Token).kind === 'punct') first++;
    sentenceFirstWord[s] = first;
  }

  return { body, tokens, paragraphs, quotes, sentences, tokenParagraph, tokenSentence, tokenQuote, quoteOpenToken, quoteCloseToken, lowercaseWords, sentenceFirstWord };
}

/** Whether token i opens its sentence (ignoring an opening quotation mark). */
export function isSentenceInitial(model: DocumentModel, i: number): boolean {
  return model.sentenceFirstWord[model.tokenSentence[i] as number] === i;
}
