// The automatic moderation of a new or edited comment: a banned word rejects it, a suspect word or a
// link holds it for a moderator. The verdict names the rule and the word, so moderators and authors
// can see exactly why.
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

/** Lower-case words without accents, so `Scäm`, `SCAM` and `scam` match alike. */
function words(text: string): string[] {
  const folded = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/’/g, "'");
  return folded.match(WORD) ?? [];
}

/** Parses a comma-separated word list setting. */
export function parseWordList(setting: string): string[] {
  return [...new Set(setting.split(",").map((w) => w.trim()).filter(Boolean))];
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

const LINK =
  /\b(?:(?:https?|ftp):\/\/[^\s<>"]+|www\.[^\s<>"]+|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.(?:com|net|org|info|biz|io|co|me|ly|ru|cn|uk|de|fr|xyz|top|app|dev|gg|tv|site|online|shop|click|link)\b(?:\/[^\s<>"]*)?)/i;

/** The first link-like text in `text`, or null. */
export function findLink(text: string): string | null {
  return LINK.exec(text)?.[0] ?? null;
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
