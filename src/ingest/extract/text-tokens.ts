// Splits article text into word and punctuation tokens with character offsets, in one linear pass.

export type TokenKind = 'word' | 'punct';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** First character is an upper-case letter. */
  cap: boolean;
  /** The possessive ending split off a word ("’s" after "Trump"). */
  possessive: boolean;
}

// Abbreviations with inner dots ("U.S.", "e.g.") first, then words that may carry inner apostrophes, hyphens, dots or
// ampersands ("don’t", "al-Assad", "4.5", "AT&T"), then any other single non-space character.
const TOKEN_RE = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[’'\-.&][\p{L}\p{N}]+)*|\S/gu;
const UPPER_RE = /^\p{Lu}/u;

/** Contractions whose "’s" is "is"/"us", not a possessive. */
const CONTRACTIONS = new Set(['it', 'he', 'she', 'that', 'there', 'what', 'who', 'let', 'here', 'where', 'how', 'everyone', 'nobody', 'one']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const isWord = raw.length > 1 || /[\p{L}\p{N}]/u.test(raw);
    if (isWord && raw.length > 2 && /['’][sS]$/.test(raw)) {
      const base = raw.slice(0, -2);
      if (!CONTRACTIONS.has(base.toLowerCase())) {
        tokens.push(makeToken(base, start, 'word', false));
        tokens.push(makeToken(raw.slice(-2), start + base.length, 'word', true));
        continue;
      }
    }
    tokens.push(makeToken(raw, start, isWord ? 'word' : 'punct', false));
  }
  return tokens;
}

function makeToken(text: string, start: number, kind: TokenKind, possessive: boolean): Token {
  return { text, lower: text.toLowerCase(), start, end: start + text.length, kind, cap: kind === 'word' && UPPER_RE.test(text), possessive };
}
