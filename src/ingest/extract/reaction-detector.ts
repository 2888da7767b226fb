// Tells reported public reactions ("Users expressed optimism, with comments like “…”", "one user wrote") from statements of named speakers, and finds where they were posted.
import type { Attribution } from "./attribution";
import type { DocumentModel } from "./document-model";
import { isOnlineNoun, isPublicContextWord, isPublicNoun, isQuantifierSubject } from "./lexicon/group-nouns";
import type { Token } from "./text-tokens";

const PLATFORMS: Record<string, string> = {
  twitter: "Twitter",
  facebook: "Facebook",
  instagram: "Instagram",
  tiktok: "TikTok",
  reddit: "Reddit",
  youtube: "YouTube",
  bluesky: "Bluesky",
  telegram: "Telegram",
  whatsapp: "WhatsApp",
  weibo: "Weibo",
  wechat: "WeChat",
  linkedin: "LinkedIn",
  snapchat: "Snapchat",
  mastodon: "Mastodon",
  discord: "Discord",
  twitch: "Twitch",
  douyin: "Douyin",
  vkontakte: "VKontakte",
  tripadvisor: "Tripadvisor",
  mumsnet: "Mumsnet",
  quora: "Quora",
};

/** Nouns for what the public writes; before "like"/"such as" they introduce reaction quotes. */
const COMMENT_NOUNS = new Set([
  "comment",
  "comments",
  "post",
  "posts",
  "tweet",
  "tweets",
  "message",
  "messages",
  "reply",
  "replies",
  "reaction",
  "reactions",
  "review",
  "reviews",
  "remarks",
]);
const INTRODUCERS = new Set(["like", "as", "including", "reading", "saying", "read"]);

/** Public nouns too general to make a lone anonymous speaker a member of the public ("a person familiar with the talks"). */
const TOO_GENERAL = new Set(["person", "people", "man", "woman", "men", "women", "someone", "somebody", "others", "public", "crowd", "audience"]);

export interface ReactionDecision {
  isReaction: boolean;
  platform: string | null;
}

/** The platform named at token k ("social media", "on X", "Facebook"), or null. */
function platformAt(model: DocumentModel, k: number): string | null {
  const t = model.tokens[k] as Token;
  if (t.kind !== "word") return null;
  if (t.lower === "social" && model.tokens[k + 1]?.lower === "media") return "social media";
  if (t.text === "X") {
    const prev = model.tokens[k - 1]?.lower;
    const next = model.tokens[k + 1]?.lower ?? "";
    if (prev === "on" || ["user", "users", "post", "posts", "account", "accounts"].includes(next)) return "X";
  }
  if (t.text === "Truth" && model.tokens[k + 1]?.text === "Social") return "Truth Social";
  if (t.text === "Threads" && model.tokens[k - 1]?.lower === "on") return "Threads";
  return t.cap ? (PLATFORMS[t.lower] ?? null) : null;
}

function platformIn(model: DocumentModel, from: number, to: number, nearestFirst: boolean): string | null {
  if (nearestFirst) {
    for (let k = to - 1; k >= from; k--) {
      if (model.tokenQuote[k] !== -1) continue;
      const p = platformAt(model, k);
      if (p) return p;
    }
  } else {
    for (let k = from; k < to; k++) {
      if (model.tokenQuote[k] !== -1) continue;
      const p = platformAt(model, k);
      if (p) return p;
    }
  }
  return null;
}

/** Whether the paragraph of token k (outside quotes) talks about the public or a platform. */
function paragraphHasPublicContext(model: DocumentModel, k: number): boolean {
  const p = model.tokenParagraph[k];
  for (let i = k; i >= 0 && model.tokenParagraph[i] === p; i--) if (isContext(model, i)) return true;
  for (let i = k + 1; i < model.tokens.length && model.tokenParagraph[i] === p; i++) if (isContext(model, i)) return true;
  return false;
}

function isContext(model: DocumentModel, i: number): boolean {
  if (model.tokenQuote[i] !== -1) return false;
  return isPublicContextWord((model.tokens[i] as Token).lower) || platformAt(model, i) !== null;
}

/** "comments like “…”", "posts such as “…”", "messages of support, including “…”": a quote offered as an example of what the public wrote. */
function introducedAsComment(model: DocumentModel, open: number): boolean {
  const words: Token[] = [];
  for (let k = open - 1; k >= 0 && words.length < 8 && model.tokenSentence[k] === model.tokenSentence[open]; k--) {
    if (model.tokenQuote[k] !== -1) break;
    const t = model.tokens[k] as Token;
    if (t.kind === "word") words.unshift(t);
  }
  const last = words[words.length - 1];
  if (last && COMMENT_NOUNS.has(last.lower)) return true;
  if (!last || !INTRODUCERS.has(last.lower)) return false;
  return words.slice(0, -1).some((w) => COMMENT_NOUNS.has(w.lower));
}

/** A social post quoted on a line of its own after its handle: "@janedoe: “Worst update ever.”". */
export const HANDLE_LINE = /^@[A-Za-z0-9_]{1,30}:\s*/;

/** Whether quote q is the post on a handle line (the handle, a colon, then the quote). */
function onHandleLine(model: DocumentModel, q: number): boolean {
  const quote = model.quotes[q];
  const paragraph = quote ? model.paragraphs[quote.paragraph] : undefined;
  if (!quote || !paragraph) return false;
  const lead = HANDLE_LINE.exec(model.body.slice(paragraph.start, quote.start));
  return lead !== null && paragraph.start + lead[0].length >= quote.start - 1;
}

export function detectReaction(model: DocumentModel, q: number, attribution: Attribution, previousWasReaction: boolean): ReactionDecision {
  const open = model.quoteOpenToken[q] as number;
  // An anonymous handle is the public's voice; a named person's post is attributed to them by name instead.
  if (onHandleLine(model, q) && !(attribution.subject?.entity && attribution.subject.kind === "named")) return { isReaction: true, platform: null };
  const subject = attribution.subject;
  const named = subject !== null && subject.entity !== null && subject.kind !== "group" && subject.kind !== "document";
  let isReaction = false;
  if (!named) {
    if ((attribution.via === "coordinated" || coordinatedWithPrevious(model, q)) && previousWasReaction) isReaction = true;
    else if (introducedAsComment(model, open)) isReaction = true;
    else if (subject && subject.publicVoice) {
      const head = lastWord(model, subject.from, subject.to);
      const voxPop = subject.kind === "anonymous" && head !== null && isPublicNoun(head) && !TOO_GENERAL.has(head);
      // "Some residents welcomed it, with one saying …": a bare "one"/"others" stands for the public named just before.
      const fromPublic = head !== null && isQuantifierSubject(head) && publicNounBefore(model, subject.from);
      isReaction = subject.online || (head !== null && isOnlineNoun(head)) || voxPop || fromPublic || paragraphHasPublicContext(model, open);
    }
  }
  if (!isReaction) return { isReaction: false, platform: null };
  return { isReaction: true, platform: findPlatform(model, q, attribution) };
}

/** “A” and “B”: only a conjunction or comma between the previous quote and this one. */
function coordinatedWithPrevious(model: DocumentModel, q: number): boolean {
  const prevClose = model.quoteCloseToken[q - 1];
  const open = model.quoteOpenToken[q] as number;
  if (prevClose === undefined || prevClose < 0 || open - prevClose < 2) return false;
  for (let k = prevClose + 1; k < open; k++) {
    const lower = (model.tokens[k] as Token).lower;
    if (lower !== "," && lower !== "and" && lower !== "or") return false;
  }
  return true;
}

/** A public noun ("residents", "viewers") earlier in the same or the previous sentence, outside quotes. */
function publicNounBefore(model: DocumentModel, k: number): boolean {
  const s = model.tokenSentence[k] as number;
  const first = model.sentences[Math.max(0, s - 1)]?.tokenStart ?? 0;
  for (let i = k - 1; i >= first; i--) {
    if (model.tokenQuote[i] !== -1) continue;
    const lower = (model.tokens[i] as Token).lower;
    if (isPublicNoun(lower) && !TOO_GENERAL.has(lower) && !isQuantifierSubject(lower)) return true;
  }
  return false;
}

function lastWord(model: DocumentModel, from: number, to: number): string | null {
  for (let k = to - 1; k >= from; k--) {
    const t = model.tokens[k];
    if (t && t.kind === "word" && !t.possessive) return t.lower;
  }
  return null;
}

/** The platform nearest the quote: in its speaker phrase, earlier in its sentence, then earlier in its paragraph. */
function findPlatform(model: DocumentModel, q: number, attribution: Attribution): string | null {
  const subject = attribution.subject;
  if (subject) {
    const p = platformIn(model, subject.from, subject.to, false);
    if (p) return p;
  }
  const open = model.quoteOpenToken[q] as number;
  const paragraph = model.tokenParagraph[open];
  let start = open;
  while (start > 0 && model.tokenParagraph[start - 1] === paragraph) start--;
  const before = platformIn(model, start, open, true);
  if (before) return before;
  let end = open;
  while (end < model.tokens.length && model.tokenParagraph[end] === paragraph) end++;
  return platformIn(model, open, end, false);
}
