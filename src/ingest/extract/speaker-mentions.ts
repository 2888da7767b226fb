// Finds named people, organisations and places outside quotes, with the title written before a person ("Russian President Vladimir Putin" → Vladimir Putin, President of Russia).
import type { DocumentModel } from "./document-model";
import { isSentenceInitial } from "./document-model";
import type { EntityRegistry } from "./entity-registry";
import { firstNameGender, isKnownFirstName } from "./lexicon/first-names";
import { isClauseBoundary, isMonthName, isNameParticle, isNeverName, isSentenceStarterWord, ORG_CONNECTORS } from "./lexicon/common-words";
import { AUXILIARIES, cueBase } from "./lexicon/cue-verbs";
import { isGroupNoun } from "./lexicon/group-nouns";
import { isKnownOrg, isOrgWord, canonicalOrgName } from "./lexicon/organisations";
import { canonicalCountry, countryOfAdjective, isPlaceHead, isPlaceNameLower, isPlacePrefix } from "./lexicon/places";
import { honorificGender, isHonorific, isRoleHead, isRoleModifier, roleGender, type Gender } from "./lexicon/titles";
import { rolePhrase } from "./role-phrase";
import { isInitial } from "./sentence-splitter";
import type { Token } from "./text-tokens";

export type MentionKind = "PERSON" | "ORGANIZATION" | "PLACE" | "UNKNOWN";

export interface NameMention {
  /** First and last token of the name words (inclusive). */
  first: number;
  last: number;
  /** First token of the title written before the name (== first when there is none). */
  prefixStart: number;
  kind: MentionKind;
  /** Registry entity, or -1 for places and unresolved single words. */
  entity: number;
  text: string;
  possessive: boolean;
  /** Role taken from the title before the name, if any. */
  role: string | null;
}

export interface MentionIndex {
  mentions: NameMention[];
  /** For every token, the mention covering it (title prefix included), or -1. */
  tokenMention: Int32Array;
}

function isTitleToken(lower: string): boolean {
  return isRoleHead(lower) || isHonorific(lower);
}

/** "NATO", "U.N.": two to six capital letters, dots allowed. */
function isAcronym(text: string): boolean {
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (c !== 46) return false;
  }
  return letters >= 2 && letters <= 6;
}

/** Builds the capitalised run starting at token i; returns its tokens and the index after it. */
function buildRun(model: DocumentModel, i: number, capWord: (j: number) => boolean): { run: number[]; next: number; possessive: boolean } {
  const { tokens, tokenSentence, tokenQuote } = model;
  const sentence = tokenSentence[i];
  const run: number[] = [];
  let j = i;
  let possessive = false;
  let hasOrg = false;
  while (j < tokens.length && tokenSentence[j] === sentence) {
    const t = tokens[j] as Token;
    if (capWord(j)) {
      run.push(j);
      if (isOrgWord(t.lower)) hasOrg = true;
      j++;
      const dot = tokens[j];
      // Initials and abbreviated titles keep their dot: "J. K. Rowling", "Sen. Warren".
      if (dot && dot.text === "." && dot.start === t.end && (isInitial(tokens, j - 1) || isTitleToken(t.lower))) {
        run.push(j);
        j++;
      }
      const poss = tokens[j];
      if (poss && poss.possessive) {
        possessive = true;
        j++;
        break;
      }
      continue;
    }
    const nextIsCap = j + 1 < tokens.length && capWord(j + 1);
    // Particles, possibly two ("Ursula von der Leyen"), between capitalised name words.
    const particles = isNameParticle(t.lower) && !t.cap ? (nextIsCap ? 1 : isNameParticle((tokens[j + 1] as Token | undefined)?.lower ?? "") && capWord(j + 2) ? 2 : 0) : 0;
    if (run.length > 0 && particles > 0) {
      for (let p = 0; p < particles; p++) run.push(j + p);
      j += particles;
      continue;
    }
    // Connectors inside organisation names and titles: "Ministry of Finance", "Institute for Fiscal Studies",
    // "Secretary of State" — but not "President Trump and German Foreign Minister …".
    const lastLower = (tokens[run[run.length - 1] as number] as Token).lower;
    const connectorFits = hasOrg || (t.lower === "of" && isTitleToken(lastLower)) || t.lower === "&";
    const theFollows = t.lower === "of" && (tokens[j + 1] as Token | undefined)?.lower === "the" && capWord(j + 2);
    if (run.length > 0 && connectorFits && ORG_CONNECTORS.has(t.lower) && t.lower !== "the" && (nextIsCap || theFollows)) {
      run.push(j);
      if (!nextIsCap) run.push(j + 1);
      j += nextIsCap ? 1 : 2;
      continue;
    }
    // A nickname in quotes inside a name: Jake “The Snake” Roberts.
    const q = tokenQuote[j] as number;
    if (run.length > 0 && q >= 0 && model.quoteOpenToken[q] === j) {
      const close = model.quoteCloseToken[q] as number;
      const quote = model.quotes[q];
      const inner = quote ? model.body.slice(quote.start, quote.end) : "";
      if (close > j && capWord(close + 1) && /^(?:\p{Lu}[\p{L}'’.-]*\s?){1,3}$/u.test(inner)) {
        j = close + 1;
        continue;
      }
    }
    break;
  }
  while (run.length && ORG_CONNECTORS.has((tokens[run[run.length - 1] as number] as Token).lower)) run.pop();
  return { run, next: Math.max(j, i + 1), possessive };
}

export function findMentions(model: DocumentModel, registry: EntityRegistry): MentionIndex {
  const { tokens, tokenQuote } = model;
  const n = tokens.length;
  const tokenMention = new Int32Array(n).fill(-1);
  const mentions: NameMention[] = [];

  const capWord = (j: number): boolean => {
    const t = tokens[j];
    if (!t || t.kind !== "word" || !t.cap || t.possessive || tokenQuote[j] !== -1 || t.text === "I") return false;
    if (model.dateline[j]) return false;
    if (isNeverName(t.lower)) return false;
    if (isMonthName(t.lower)) {
      const before = tokens[j - 1]?.text.charCodeAt(0) ?? 0;
      const after = tokens[j + 1]?.text.charCodeAt(0) ?? 0;
      if ((before >= 48 && before <= 57) || (after >= 48 && after <= 57)) return false;
    }
    return true;
  };

  const singles: NameMention[] = [];
  for (let i = 0; i < n;) {
    if (!capWord(i)) {
      i++;
      continue;
    }
    const { run, next, possessive } = buildRun(model, i, capWord);
    i = next;
    // Drop words capitalised only because they open the sentence ("Speaking", "The", "Analysts").
    while (run.length) {
      const idx = run[0] as number;
      const t = tokens[idx] as Token;
      const initial = isSentenceInitial(model, idx);
      // "Police Scotland", "Parliament Square": an organisation word that starts a longer name stays.
      const namesOrg = run.length > 1 && isOrgWord(t.lower);
      const ordinary = !namesOrg && (isSentenceStarterWord(t.lower) || isGroupNoun(t.lower) || isClauseBoundary(t.lower));
      const lowerElsewhere = initial && model.lowercaseWords.has(t.lower) && !isKnownFirstName(t.lower) && !isTitleToken(t.lower) && !isRoleModifier(t.lower) && !countryOfAdjective(t.lower);
      // Plural group nouns ("Analysts", "Democrats") are groups wherever they stand, read later as noun phrases.
      if ((initial && (ordinary || lowerElsewhere)) || t.lower === "the" || (run.length === 1 && isGroupNoun(t.lower))) run.shift();
      else break;
    }
    if (!run.length) continue;
    const mention = classifyRun(model, run, possessive);
    if (!mention) continue;
    mention.prefixStart = titleStart(model, mention);
    registerMention(model, registry, mention, singles);
    mentions.push(mention);
    for (let k = mention.prefixStart; k <= mention.last; k++) tokenMention[k] = mentions.length - 1;
  }

  // Single words ("Putin", "Xi") are resolved once every full name is known, so a surname may come first.
  for (const m of singles) {
    const person = registry.matchPerson([m.text.toLowerCase()], (tokens[m.first] as Token).start);
    const org = person ? undefined : registry.matchOrg(m.text);
    const entity = person ?? org;
    if (entity) {
      m.entity = entity.id;
      m.kind = entity.kind === "ORGANIZATION" ? "ORGANIZATION" : "PERSON";
      registry.alias(entity, m.text);
    } else if (actsAsSubject(model, m)) {
      // "Netanyahu spoke with Biden": a lone surname doing something is someone pronouns may refer back to.
      m.entity = registry.unknown(m.text, (tokens[m.first] as Token).start).id;
    }
  }
  noteAffiliations(model, registry, mentions, tokenMention);
  return { mentions, tokenMention };
}

/**
 * "NBC’s Lester Holt", "Peggy Noonan of the Wall Street Journal": the outlet or institution beside a person's name
 * is their affiliation, kept as their role when the article gives no other. Places are not affiliations.
 */
function noteAffiliations(model: DocumentModel, registry: EntityRegistry, mentions: readonly NameMention[], tokenMention: Int32Array): void {
  const { tokens } = model;
  const at = (k: number): NameMention | undefined => (k >= 0 && (tokenMention[k] as number) >= 0 ? mentions[tokenMention[k] as number] : undefined);
  const affiliation = (m: NameMention | undefined): m is NameMention => m !== undefined && m.kind === "ORGANIZATION";
  for (const m of mentions) {
    if (m.kind !== "PERSON" || m.entity < 0) continue;
    const entity = registry.get(m.entity);
    if (entity.role) continue;
    // The possessive ending is a token of its own: "NBC" "’s" "Lester Holt".
    const owner = tokens[m.prefixStart - 1]?.possessive ? at(m.prefixStart - 2) : undefined;
    if (affiliation(owner) && owner.possessive && owner.last === m.prefixStart - 2) {
      entity.role = owner.text;
      continue;
    }
    let k = m.last + 1;
    if (tokens[k]?.lower !== "of") continue;
    k++;
    if (tokens[k]?.lower === "the") k++;
    const org = at(k);
    if (affiliation(org) && !org.possessive && org.prefixStart === k) entity.role = org.text;
  }
}

/** Irregular past tenses that follow a subject's name ("Netanyahu spoke", "Biden met"). */
export const PAST_VERBS = new Set([
  "spoke",
  "met",
  "went",
  "won",
  "lost",
  "took",
  "gave",
  "made",
  "came",
  "saw",
  "ran",
  "left",
  "led",
  "sent",
  "put",
  "set",
  "told",
  "thought",
  "felt",
  "kept",
  "became",
  "began",
  "brought",
  "bought",
  "chose",
  "drew",
  "drove",
  "fell",
  "flew",
  "grew",
  "held",
  "heard",
  "knew",
  "meant",
  "paid",
  "rose",
  "sat",
  "spent",
  "stood",
  "struck",
  "swore",
  "threw",
  "understood",
  "wore",
  "got",
  "found",
  "hit",
  "let",
  "read",
  "said",
  "wrote",
  "sought",
  "fought",
  "taught",
  "won",
  "hid",
  "broke",
  "spoke",
  "shook",
]);

/** Whether a single capitalised word is followed by a verb, i.e. names someone who does something. */
function actsAsSubject(model: DocumentModel, m: NameMention): boolean {
  if (m.possessive) return false;
  const next = model.tokens[m.last + 1];
  if (!next || next.kind !== "word" || next.cap || model.tokenQuote[m.last + 1] !== -1) return false;
  // Abstract nouns ("Inflation had", "Unemployment fell") are not people.
  if (/(?:tion|sion|ment|ness|ity|ism|ing|ics|ance|ence|ship|age)$/.test(m.text.toLowerCase())) return false;
  const lower = next.lower;
  const speechOrDeed = cueBase(lower) !== undefined || PAST_VERBS.has(lower);
  // At a sentence start only a clear verb of speech or deed counts; "Markets were" says nothing about a person.
  if (isSentenceInitial(model, m.first)) return speechOrDeed;
  return speechOrDeed || AUXILIARIES.has(lower) || (lower.endsWith("ed") && lower.length > 4);
}

/** Splits a run into title prefix and name and decides what it names. */
function classifyRun(model: DocumentModel, run: number[], possessive: boolean): NameMention | null {
  const { tokens } = model;
  // "Tom Little KC", "Jane Smith MP": letters after a full name are an honour or an office, not part of the name.
  while (run.length > 2 && POSTNOMINALS.has((tokens[run[run.length - 1] as number] as Token).text)) run = run.slice(0, -1);
  const words = run.map((k) => tokens[k] as Token).filter((t) => t.kind === "word");
  if (!words.length) return null;
  // Text of run[from..to]; a gap in the run (a skipped nickname) becomes one space.
  const text = (from: number, to: number): string => {
    let out = "";
    for (let k = from; k <= to; k++) {
      const t = tokens[run[k] as number] as Token;
      if (k > from) {
        const prev = tokens[run[k - 1] as number] as Token;
        out += (run[k] as number) === (run[k - 1] as number) + 1 ? model.body.slice(prev.end, t.start) : " ";
      }
      out += t.text;
    }
    return out;
  };

  // The name is what follows the last title word: "Russian President | Vladimir Putin". A title word that ends the
  // run is a surname ("Catherine King", "John Major") unless nothing else could be the title.
  let lastTitle = -1;
  let finalTitle = false;
  for (let k = 0; k < run.length; k++) {
    if (!isTitleToken((tokens[run[k] as number] as Token).lower)) continue;
    if (k < run.length - 1) lastTitle = k;
    else finalTitle = true;
  }
  if (lastTitle < 0 && finalTitle) lastTitle = run.length - 1;
  if (lastTitle < 0 && describesBeforeGivenName(model, run)) lastTitle = 0;
  let nameFrom = lastTitle + 1;
  while (nameFrom < run.length && (tokens[run[nameFrom] as number] as Token).text === ".") nameFrom++;
  const firstWord = tokens[run[0] as number] as Token;
  // "John Major", "Sarah Bishop": a given name first means the title word is a surname.
  if (nameFrom >= run.length && isKnownFirstName(firstWord.lower) && run.length > 1) nameFrom = 0;

  // "Secretary of State Marco Rubio", "President of the Commission Ursula von der Leyen": the office runs on with "of"
  // up to a given name, where the name starts.
  if (lastTitle >= 0 && nameFrom < run.length && ORG_CONNECTORS.has((tokens[run[nameFrom] as number] as Token).lower)) {
    for (let g = nameFrom + 1; g < run.length - 1; g++) {
      if (isKnownFirstName((tokens[run[g] as number] as Token).lower)) {
        nameFrom = g;
        break;
      }
    }
  }
  // Built field by field: object spread here was the hottest line of the whole extractor.
  const make = (first: number, last: number, kind: MentionKind, name: string, role: string | null): NameMention => ({
    first,
    last,
    prefixStart: run[0] as number,
    kind,
    entity: -1,
    text: name,
    possessive,
    role,
  });
  const nameTokens = run.slice(nameFrom).map((k) => tokens[k] as Token);
  const nameWords = nameTokens.filter((t) => t.kind === "word");
  const personLike =
    nameWords.length > 0 &&
    nameWords.length <= 5 &&
    !isNameParticle(nameWords[0]?.lower ?? "") &&
    !isTitleToken(nameWords[0]?.lower ?? "") &&
    !nameWords.some((t) => isOrgWord(t.lower) || isKnownOrg(t.lower) || ORG_CONNECTORS.has(t.lower)) &&
    !(nameWords.length === 1 && (isPlaceNameLower(nameWords[0]?.lower ?? "") || isAcronym(nameWords[0]?.text ?? "")));

  if (lastTitle >= 0 && nameFrom > 0 && personLike) {
    const prefixWords = run
      .slice(0, nameFrom)
      .map((k) => (tokens[k] as Token).text)
      .filter((w) => w !== ".");
    return make(run[nameFrom] as number, run[run.length - 1] as number, "PERSON", text(nameFrom, run.length - 1), rolePhrase(prefixWords));
  }

  const whole = text(0, run.length - 1);
  const wholeLower = whole.toLowerCase();
  const first = run[0] as number;
  const last = run[run.length - 1] as number;
  const firstLower = (words[0] as Token).lower;
  const lastLower = (words[words.length - 1] as Token).lower;
  if (words.some((t) => isOrgWord(t.lower)) || (words.length === 1 && (isKnownOrg(firstLower) || isAcronym(whole)))) {
    if (canonicalCountry(wholeLower)) return make(first, last, "PLACE", whole, null);
    return make(first, last, "ORGANIZATION", whole, null);
  }
  const startsAsPlace = words.length > 1 && isPlacePrefix(firstLower);
  if (isPlaceNameLower(wholeLower) || canonicalCountry(wholeLower) || startsAsPlace || (isPlaceHead(lastLower) && !isKnownFirstName(firstLower))) {
    return make(first, last, "PLACE", whole, null);
  }
  if (words.every((t) => isTitleToken(t.lower) || isRoleModifier(t.lower) || countryOfAdjective(t.lower))) return null;
  // "the Minister of Information", "Secretary of State": an office, named by its title, not a person's name.
  if (isTitleToken(firstLower) && words.some((t) => t.lower === "of") && !words.some((t) => isKnownFirstName(t.lower))) return null;
  if (words.length === 1) return make(first, last, "UNKNOWN", whole, null);
  if (words.every((t) => isPlaceNameLower(t.lower))) return make(first, last, "PLACE", whole, null);
  return make(first, last, "PERSON", whole, null);
}

/** Honours and offices written after a name in British and Commonwealth copy. */
const POSTNOMINALS = new Set(["KC", "QC", "SC", "MP", "MEP", "MSP", "MLA", "MPP", "TD", "OBE", "MBE", "CBE", "KBE", "DBE", "PhD"]);

/**
 * "Forecaster Liz Walsh said", "Seamer Matt Henry took": a sentence-initial word that is neither a given name nor a
 * title, written before a given name and a surname, describes the person (it is capitalised only because the sentence
 * starts there) and is not part of the name.
 */
function describesBeforeGivenName(model: DocumentModel, run: number[]): boolean {
  if (run.length < 3 || !isSentenceInitial(model, run[0] as number)) return false;
  const [first, second, third] = run.slice(0, 3).map((k) => model.tokens[k] as Token);
  if (!first || !second || !third || [first, second, third].some((t) => t.kind !== "word")) return false;
  return (
    !isKnownFirstName(first.lower) &&
    !isOrgWord(first.lower) &&
    !isKnownOrg(first.lower) &&
    !countryOfAdjective(first.lower) &&
    !isPlaceNameLower(first.lower) &&
    isKnownFirstName(second.lower)
  );
}

/**
 * Extends a person mention leftwards over lower-case title words written before the name ("Kremlin spokesman",
 * "lead author", "founder and chief executive") and fills in the role from them when the name had none.
 */
function titleStart(model: DocumentModel, mention: NameMention): number {
  if (mention.kind !== "PERSON") return mention.prefixStart;
  const { tokens, tokenSentence, tokenQuote } = model;
  let k = mention.prefixStart - 1;
  let start = mention.prefixStart;
  let sawHead = false;
  const words: string[] = [];
  while (k >= 0 && tokenSentence[k] === tokenSentence[mention.first] && tokenQuote[k] === -1) {
    const t = tokens[k] as Token;
    if (t.kind !== "word") break;
    const titleish = isRoleHead(t.lower) || isRoleModifier(t.lower) || !!countryOfAdjective(t.lower);
    const orgish = t.cap && sawHead && !isSentenceStarterWord(t.lower);
    if (!titleish && !orgish && !(t.lower === "and" && sawHead)) break;
    if (isRoleHead(t.lower)) sawHead = true;
    words.unshift(t.text);
    start = k;
    k--;
  }
  while (
    words.length &&
    !isRoleHead((words[0] as string).toLowerCase()) &&
    !isRoleModifier((words[0] as string).toLowerCase()) &&
    !countryOfAdjective(words[0] as string) &&
    !(words[0] as string).match(/^\p{Lu}/u)
  ) {
    words.shift();
    start++;
  }
  if (!sawHead) return mention.prefixStart;
  const inRun = model.body.slice((tokens[mention.prefixStart] as Token).start, (tokens[mention.first] as Token).start).trim();
  const role = rolePhrase([...words, ...(inRun ? inRun.split(/\s+/) : [])]);
  if (role) mention.role = role;
  return start;
}

function genderOf(model: DocumentModel, mention: NameMention): Gender | null {
  const { tokens } = model;
  for (let k = mention.prefixStart; k < mention.first; k++) {
    const lower = (tokens[k] as Token).lower;
    const g = honorificGender(lower) ?? roleGender(lower);
    if (g) return g;
  }
  return firstNameGender((tokens[mention.first] as Token).text);
}

function registerMention(model: DocumentModel, registry: EntityRegistry, mention: NameMention, singles: NameMention[]): void {
  const offset = (model.tokens[mention.first] as Token).start;
  if (mention.kind === "PERSON") {
    const wordCount = mention.text.split(/\s+/).length;
    if (wordCount === 1 && mention.prefixStart === mention.first) {
      mention.kind = "UNKNOWN";
      singles.push(mention);
      return;
    }
    const entity = registry.person(mention.text, offset, mention.role, genderOf(model, mention));
    mention.entity = entity.id;
  } else if (mention.kind === "ORGANIZATION") {
    const entity = registry.organisation(canonicalOrgName(mention.text), offset, mention.text);
    mention.entity = entity.id;
  } else if (mention.kind === "UNKNOWN") {
    singles.push(mention);
  }
}
