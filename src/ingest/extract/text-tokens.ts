// Splits article text into word and punctuation tokens with character offsets, in one linear pass over char codes.

export type TokenKind = "word" | "punct";

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

const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const UPPER_RE = /^\p{Lu}/u;

/** Letters, digits and combining marks; ASCII is decided by code, the rest by one regex test. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c === 0x2019 || c === 0x2018 || c === 0x201c || c === 0x201d || c === 0x2013 || c === 0x2014 || c === 0xa0) return false;
  return NON_ASCII_WORD_CHAR.test(text[i] as string);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x200a || c === 12 || c === 11;
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_RE.test(text[i] as string);
}

/** Characters that may join two word parts inside one word: apostrophes, hyphen, dot, ampersand ("don’t", "al-Assad", "4.5", "AT&T"). */
function isJoiner(c: number): boolean {
  return c === 0x2019 || c === 39 || c === 45 || c === 46 || c === 38;
}

/** Contractions whose "’s" is "is"/"us", not a possessive. */
const CONTRACTIONS = new Set(["it", "he", "she", "that", "there", "what", "who", "let", "here", "where", "how", "everyone", "nobody", "one"]);

/** Length of a dotted abbreviation of single letters ("U.S.", "e.g.", "p.m.") starting at i, or 0. */
function dottedAbbreviation(text: string, i: number): number {
  let j = i;
  let parts = 0;
  while (j + 1 < text.length && text.charCodeAt(j + 1) === 46 && isWordChar(text, j) && !/\d/.test(text[j] as string)) {
    parts++;
    j += 2;
  }
  return parts >= 2 ? j - i : 0;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (!isWordChar(text, i)) {
      // Keep surrogate pairs (emoji) together as one punctuation token.
      const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      tokens.push(makeToken(text.slice(i, i + width), i, "punct", false, false));
      i += width;
      continue;
    }
    const abbreviation = dottedAbbreviation(text, i);
    if (abbreviation > 0) {
      tokens.push(makeToken(text.slice(i, i + abbreviation), i, "word", false, isUpperAt(text, i)));
      i += abbreviation;
      continue;
    }
    let j = i + 1;
    // Whether toLowerCase is needed at all: most words are already lower-case ASCII.
    let needsLower = c >= 65 && c <= 90 ? true : c >= 128;
    for (;;) {
      while (j < n && isWordChar(text, j)) {
        const d = text.charCodeAt(j);
        if ((d >= 65 && d <= 90) || d >= 128) needsLower = true;
        j++;
      }
      if (j + 1 < n && isJoiner(text.charCodeAt(j)) && isWordChar(text, j + 1)) {
        if (text.charCodeAt(j) >= 128) needsLower = true;
        j += 2;
        continue;
      }
      break;
    }
    const cap = isUpperAt(text, i);
    // "Trump’s" → "Trump" + possessive "’s"; "it’s" stays whole.
    if (j - i > 2) {
      const q = text.charCodeAt(j - 2);
      const s = text.charCodeAt(j - 1);
      if ((q === 0x2019 || q === 39) && (s === 115 || s === 83)) {
        const base = text.slice(i, j - 2);
        if (!CONTRACTIONS.has(base.toLowerCase())) {
          tokens.push(makeToken(base, i, "word", false, cap));
          tokens.push(makeToken(text.slice(j - 2, j), j - 2, "word", true, false));
          i = j;
          continue;
        }
      }
    }
    const word = text.slice(i, j);
    tokens.push(needsLower ? makeToken(word, i, "word", false, cap) : { text: word, lower: word, start: i, end: j, kind: "word", cap: false, possessive: false });
    i = j;
  }
  return tokens;
}

function makeToken(text: string, start: number, kind: TokenKind, possessive: boolean, cap: boolean): Token {
  return { text, lower: text.toLowerCase(), start, end: start + text.length, kind, cap, possessive };
}
