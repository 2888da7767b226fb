// The automatic moderation of a new or edited comment: a banned word rejects it, a suspect word or a
// link holds it for a moderator. The verdict names the rule and the word, so moderators and authors
// can see exactly why.
import { isIP } from "node:net";
import unhomoglyph from "unhomoglyph";
import { CommentStatus } from "../../entities/comment-status.enum";

export type ModerationRule = "BANNED_WORD" | "SUSPECT_WORD" | "LINK" | "MODERATOR";

export interface ModerationRules {
  banned: readonly string[];
  suspect: readonly string[];
  holdLinks: boolean;
}

export interface Verdict {
  status: CommentStatus.PUBLISHED | CommentStatus.PENDING | CommentStatus.REJECTED;
  rule: ModerationRule | null;
  /** The listed word or phrase (as configured) or the link that triggered the rule. */
  word: string | null;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Characters that render as nothing (zero-width spaces and joiners, soft hyphens, word joiners …). */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Dots that read as a full stop in a domain: ideographic, full-width and half-width ones. */
const DOTS = /[\u3002\uFF0E\uFF61\u2024\uFE52]/g;

/** NFKC (full-width and compatibility forms to plain ones), invisible characters removed, odd dots as `.`. */
function plain(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(DOTS, ".");
}

/**
 * Text folded for matching word lists: `plain`, lower case, Unicode's confusable letters mapped to one
 * skeleton (Cyrillic `а` and Greek `ο` as Latin `a` and `o`: the unhomoglyph package, from Unicode's
 * confusables.txt), accents removed. Configured words go through the same fold, so both sides agree.
 */
function fold(text: string): string {
  let t = plain(text).toLowerCase();
  // Twice: the mapping can yield capitals (whose own mapping then applies after lower-casing).
  t = unhomoglyph(unhomoglyph(t).toLowerCase()).toLowerCase();
  return t.normalize("NFKD").replace(/\p{M}/gu, "").replace(/’/g, "'");
}

/** Folded words, so `Scäm`, `SCAM`, `sc\u200bam` and `sсam` (Cyrillic с) match alike. */
function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** Parses a comma-separated word list setting. */
export function parseWordList(setting: string): string[] {
  return [
    ...new Set(
      setting
        .split(",")
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ];
}

/** The first entry of `list` whose words occur consecutively in `tokens`. */
function findListed(tokens: string[], list: readonly string[]): string | null {
  const joined = ` ${tokens.join(" ")} `;
  for (const entry of list) {
    const w = words(entry);
    if (w.length && joined.includes(` ${w.join(" ")} `)) return entry;
  }
  return null;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\/\S/i;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
/** A top-level domain: letters of any script (every TLD, not a list), or an IDN's punycode. */
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;
/** What may wrap a link in prose: brackets, quotes, trailing punctuation. */
const WRAPPING = /^[(<[{"'“‘«]+|[)>\]}"'”’»,;:!?.]+$/gu;

/** True when `host` is an IP address or a dotted name whose last label looks like a top-level domain. */
function isHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare)) return true;
  const labels = host.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1] as string);
}

/** Whether one whitespace-free piece of text is a link: a URL, `www.…`, a domain, an address. */
function isLinkToken(token: string): boolean {
  if (SCHEME.test(token) || /^www\./i.test(token)) return true;
  if (isIP(token) === 6) return true;
  // user@host, host:port/path?query#fragment
  const afterAt = token.slice(token.lastIndexOf("@") + 1);
  const host = afterAt.startsWith("[") ? afterAt.slice(0, afterAt.indexOf("]") + 1) : (afterAt.split(/[/?#:]/, 1)[0] as string);
  return host.length > 0 && isHost(host);
}

/**
 * The first link-like text in `text`, or null. Links are recognised by their structure, on the text
 * with invisible characters removed and full-width or ideographic dots read as dots: a scheme, `www.`,
 * a dotted name ending in any top-level domain, or a bare IPv4/IPv6 address. One pass over the text's
 * whitespace-separated pieces, so the time is linear in its length.
 */
export function findLink(text: string): string | null {
  for (const raw of plain(text).split(/\s+/)) {
    const token = raw.replace(WRAPPING, "");
    if (token && isLinkToken(token)) return token;
    // A bracketed IPv6 address (`[2001:db8::1]:80`) keeps its leading bracket.
    const bracketed = raw.replace(/[)>}"'”’»,;!?.]+$/u, "");
    if (bracketed.startsWith("[") && isLinkToken(bracketed)) return bracketed;
  }
  return null;
}

export function assessComment(body: string, rules: ModerationRules): Verdict {
  const tokens = words(body);
  const banned = findListed(tokens, rules.banned);
  if (banned) return { status: CommentStatus.REJECTED, rule: "BANNED_WORD", word: banned };
  const suspect = findListed(tokens, rules.suspect);
  if (suspect) return { status: CommentStatus.PENDING, rule: "SUSPECT_WORD", word: suspect };
  if (rules.holdLinks) {
    const link = findLink(body);
    if (link) return { status: CommentStatus.PENDING, rule: "LINK", word: link };
  }
  return { status: CommentStatus.PUBLISHED, rule: null, word: null };
}
