// Reads the noun phrase that does the speaking ("Putin", "he", "the Russian leader", "a spokesperson for the Commission", "one user") and says who it is.
import type { Coreference } from "./coreference";
import type { DocumentModel } from "./document-model";
import { isSentenceInitial } from "./document-model";
import type { Entity, EntityRegistry } from "./entity-registry";
import { AUXILIARIES, cueBase } from "./lexicon/cue-verbs";
import { isClauseBoundary, isDeterminer, isPreposition, POSSESSIVE_DETERMINERS, RELATIVE_PRONOUNS } from "./lexicon/common-words";
import { isGroupNoun, isOnlineNoun, isPublicNoun, isQuantifierSubject } from "./lexicon/group-nouns";
import { isDocumentHead, isOrgDescriptionHead } from "./lexicon/organisations";
import { canonicalCountry, countryOfAdjective } from "./lexicon/places";
import { descriptionFits, isRoleHead } from "./lexicon/titles";
import { PAST_VERBS, type MentionIndex, type NameMention } from "./speaker-mentions";
import type { Token } from "./text-tokens";

/** A verb's shape: a past or present-tense ending, an -ing form, or an irregular past ("met", "told"). */
function looksLikeVerb(lower: string): boolean {
  return PAST_VERBS.has(lower) || /(?:ed|ing)$/.test(lower) || (/[^s]s$/.test(lower) && !/(?:ss|us|is)$/.test(lower));
}

export type SubjectKind = "named" | "pronoun" | "description" | "group" | "anonymous" | "document" | "none";

export interface Subject {
  kind: SubjectKind;
  /** Who speaks, when the article says; null for anonymous or unresolvable subjects. */
  entity: Entity | null;
  /** Token range of the phrase [from, to). */
  from: number;
  to: number;
  /** The phrase names members of the public ("one user", "some residents", "others"): reaction material. */
  publicVoice: boolean;
  /** The phrase names an online voice ("one user", "another post"). */
  online: boolean;
}

/** Nouns for a single unnamed person; with "a"/"one" they make the speaker anonymous. */
const ANONYMOUS_PERSON = new Set([
  "reporter",
  "journalist",
  "witness",
  "source",
  "official",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "person",
  "man",
  "woman",
  "someone",
  "somebody",
  "insider",
  "aide",
  "diplomat",
  "officer",
  "member",
  "employee",
  "worker",
  "resident",
  "student",
  "doctor",
  "nurse",
  "lawyer",
  "analyst",
  "expert",
  "economist",
  "representative",
  "executive",
  "teacher",
  "activist",
  "protester",
  "soldier",
]);

const SPOKESPEOPLE = new Set(["spokesman", "spokeswoman", "spokesperson", "representative"]);

const SPEAKS_FOR = new Set(["spokesman", "spokeswoman", "spokesperson", "representative", "official", "spokespeople", "statement", "release"]);

/** Words that may make up a common noun phrase before its head ("a senior administration official"). */
function isNounPhraseWord(t: Token): boolean {
  if (t.kind !== "word") return false;
  if (isPreposition(t.lower) || isClauseBoundary(t.lower) || RELATIVE_PRONOUNS.has(t.lower)) return false;
  if (AUXILIARIES.has(t.lower) && !isQuantifierSubject(t.lower)) return false;
  if (cueBase(t.lower) !== undefined && !isPublicNoun(t.lower)) return false;
  return true;
}

/** Modifiers that describe rather than name an organisation ("the same company", "the new government"). */
const GENERIC_MODIFIERS = new Set([
  "same",
  "new",
  "other",
  "former",
  "whole",
  "entire",
  "largest",
  "biggest",
  "main",
  "local",
  "rival",
  "parent",
  "embattled",
  "troubled",
  "beleaguered",
  "struggling",
  "two",
  "three",
  "current",
  "previous",
  "private",
  "public",
]);

/** A country adjective among the words before the head ("the Russian defence ministry"). */
function countryModifier(words: readonly Token[]): boolean {
  return words.slice(0, -1).some((w) => countryOfAdjective(w.text) !== undefined);
}

const NUMBER_WORDS = new Set(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands"]);

export class SubjectReader {
  constructor(
    private readonly model: DocumentModel,
    private readonly index: MentionIndex,
    private readonly registry: EntityRegistry,
    private readonly coref: Coreference,
  ) {}

  private token(k: number): Token | undefined {
    return this.model.tokens[k];
  }

  private mentionAt(k: number): NameMention | undefined {
    const m = this.index.tokenMention[k] as number;
    return m >= 0 ? this.index.mentions[m] : undefined;
  }

  /**
   * "Anne Kelly and Brian Kelly said": a named person read from `start` who is the second of two people joined by
   * "and". They speak together, so neither alone is the speaker.
   */
  joinsAnotherPerson(start: number, subject: Subject): boolean {
    if (subject.kind !== "named" || subject.entity?.kind !== "PERSON" || this.token(start - 1)?.lower !== "and") return false;
    const other = this.mentionAt(start - 2);
    return other !== undefined && other.kind === "PERSON" && other.last === start - 2 && !other.possessive;
  }

  private none(from: number, to: number): Subject {
    return { kind: "none", entity: null, from, to, publicVoice: false, online: false };
  }

  /** The entity a named mention stands for as a speaker; places speak as their country or city ("Spain said"). */
  entityOf(mention: NameMention): Entity {
    if (mention.entity >= 0) return this.registry.get(mention.entity);
    const offset = (this.model.tokens[mention.first] as Token).start;
    if (mention.kind === "PLACE") return this.registry.organisation(canonicalCountry(mention.text) ?? mention.text, offset, mention.text);
    const entity = this.registry.unknown(mention.text, offset);
    mention.entity = entity.id;
    return entity;
  }

  /**
   * Reads the first subject phrase inside [from, to): skips leading prepositional phrases ("On Thursday"), and
   * returns kind 'none' when nothing in the window can speak.
   */
  readWindow(from: number, to: number): Subject {
    let k = from;
    while (k < to) {
      const t = this.token(k);
      if (!t) break;
      if (this.model.tokenQuote[k] !== -1 || t.kind === "punct") {
        k++;
        continue;
      }
      if (isPreposition(t.lower) && !this.mentionAt(k)) {
        // Skip "On Thursday", "In a statement": up to the next name or pronoun.
        k++;
        while (k < to && !this.mentionAt(k) && !this.isPronoun(k) && !isDeterminer(this.token(k)?.lower ?? "")) k++;
        if (k < to && isDeterminer(this.token(k)?.lower ?? "") && isPreposition(this.token(k - 1)?.lower ?? "")) {
          // "In a statement, ..." is handled by commas; "in the letter X said" is rare: keep skipping the phrase.
          while (k < to && !this.mentionAt(k) && !this.isPronoun(k)) k++;
        }
        continue;
      }
      if (AUXILIARIES.has(t.lower) && !isQuantifierSubject(t.lower)) {
        k++;
        continue;
      }
      return this.readAt(k, to);
    }
    return this.none(from, to);
  }

  private isPronoun(k: number): boolean {
    const lower = this.token(k)?.lower;
    return lower === "he" || lower === "she" || lower === "they" || lower === "it" || lower === "we" || lower === "i";
  }

  /** Reads the phrase that starts exactly at k (ending before `limit`). */
  readAt(k: number, limit: number): Subject {
    const t = this.token(k);
    if (!t) return this.none(k, k);
    const lower = t.lower;
    // "the White House", "the National Weather Service": the article belongs to the name.
    const next = this.mentionAt(k + 1);
    if (lower === "the" && next && next.prefixStart === k + 1 && k + 1 < limit && !this.modifiesNoun(next, limit)) {
      const named = this.readAt(k + 1, limit);
      return { ...named, from: k };
    }
    // A name comes before pronoun readings: "WHO Director-General …" is not the relative "who".
    if (this.mentionAt(k)) return this.readMention(k, limit);
    if (lower === "he" || lower === "she") {
      const entity = this.coref.resolvePronounAt(k, lower === "he" ? "m" : "f");
      return { kind: "pronoun", entity, from: k, to: k + 1, publicVoice: false, online: false };
    }
    if (lower === "they") {
      const entity = this.coref.resolvePlural(k, (at) => this.groupAt(at));
      return { kind: "pronoun", entity, from: k, to: k + 1, publicVoice: false, online: false };
    }
    if (lower === "it") {
      return { kind: "pronoun", entity: this.coref.resolveIt(k), from: k, to: k + 1, publicVoice: false, online: false };
    }
    if (lower === "i" || lower === "we" || lower === "you") return { kind: "anonymous", entity: null, from: k, to: k + 1, publicVoice: false, online: false };
    if (RELATIVE_PRONOUNS.has(lower)) return this.readRelative(k);
    return this.readCommon(k, limit);
  }

  /**
   * "The Boston Globe editorial board wrote", "the Journal’s editorial page called it": a paper's editorial voice
   * speaks as an organisation of its own, not as the paper's newsroom and not as nobody.
   */
  private editorialVoice(mention: NameMention, limit: number): Subject | null {
    const at = mention.last + (mention.possessive ? 2 : 1);
    const first = this.token(at);
    const second = this.token(at + 1);
    if (first?.lower !== "editorial" || !second || at + 1 >= limit || !["board", "page", "team", "writers"].includes(second.lower)) return null;
    const name = `${mention.text} editorial ${second.lower === "page" ? "page" : "board"}`;
    const start = this.token(mention.prefixStart) as Token;
    return { kind: "named", entity: this.registry.organisation(name, start.start, name), from: mention.prefixStart, to: at + 2, publicVoice: false, online: false };
  }

  /** "the City manager", "U.S. officials": a name used as a modifier of the common noun after it. */
  private modifiesNoun(mention: NameMention, limit: number): boolean {
    const end = mention.last + 1;
    const after = this.token(end);
    return !mention.possessive && after !== undefined && after.kind === "word" && !after.cap && end < limit && this.isHeadNoun(after.lower);
  }

  private readMention(k: number, limit: number): Subject {
    const mention = this.mentionAt(k);
    if (!mention) return this.none(k, k);
    const end = mention.last + 1;
    const board = this.editorialVoice(mention, limit);
    if (board) return board;
    if (mention.possessive) {
      // "Russia’s Defence Ministry", "Trump’s spokeswoman": the possessed phrase speaks, not the owner.
      const next = this.mentionAt(end + 1);
      if (next && next.prefixStart === end + 1) return { ...this.readAt(end + 1, limit), from: k };
      return this.readCommon(k, limit);
    }
    if (this.modifiesNoun(mention, limit)) return this.readCommon(k, limit);
    // "Her Downton Abbey co-star Hugh Bonneville": after a possessive determiner, even a name only describes.
    const described = mention.kind !== "PERSON" || POSSESSIVE_DETERMINERS.has(this.token(mention.prefixStart - 1)?.lower ?? "") ? this.personDescribedBy(mention, limit) : undefined;
    if (described) return this.readMention(described.prefixStart, limit);
    // "Chris Larkin and Toby Stephens said": two people speak together; no one of them is the speaker.
    if (mention.kind === "PERSON" && this.token(end)?.lower === "and" && this.mentionAt(end + 1)?.kind === "PERSON" && end + 1 < limit) {
      return { kind: "anonymous", entity: null, from: mention.prefixStart, to: (this.mentionAt(end + 1) as NameMention).last + 1, publicVoice: false, online: false };
    }
    return { kind: "named", entity: this.entityOf(mention), from: mention.prefixStart, to: end, publicVoice: false, online: false };
  }

  /**
   * "New Zealand seamer Matt Henry", "Tesla boss Elon Musk": a place or organisation, then one to three common
   * nouns, then a person's name. The person is the head of the phrase; the words before it only describe them.
   */
  private personDescribedBy(mention: NameMention, limit: number): NameMention | undefined {
    let j = mention.last + 1;
    const from = j;
    while (j < limit && j - from < 3) {
      const t = this.token(j);
      if (!t || t.kind !== "word" || t.cap || this.model.tokenQuote[j] !== -1) break;
      if (isPreposition(t.lower) || isDeterminer(t.lower) || isClauseBoundary(t.lower) || AUXILIARIES.has(t.lower) || cueBase(t.lower) !== undefined || RELATIVE_PRONOUNS.has(t.lower))
        return undefined;
      // Only nouns describe: "Britain thanked President Zelensky", "Germany welcomes Merz" have a verb between.
      if (looksLikeVerb(t.lower)) return undefined;
      j++;
    }
    if (j === from || j >= limit) return undefined;
    const person = this.mentionAt(j);
    return person && person.kind === "PERSON" && person.prefixStart === j ? person : undefined;
  }

  private isHeadNoun(lower: string): boolean {
    return isGroupNoun(lower) || isPublicNoun(lower) || isRoleHead(lower) || descriptionFits(lower) !== undefined || isOrgDescriptionHead(lower) || isDocumentHead(lower);
  }

  /** "who"/"which": the phrase just before it (skipping a comma) is the speaker. */
  private readRelative(k: number): Subject {
    let j = k - 1;
    if (this.token(j)?.text === ",") j--;
    const end = j + 1;
    // Walk back to the start of the noun phrase that ends at j.
    let start = j;
    while (start - 1 >= 0) {
      const prev = this.token(start - 1) as Token;
      if (
        this.model.tokenQuote[start - 1] !== -1 ||
        prev.kind !== "word" ||
        isPreposition(prev.lower) ||
        isClauseBoundary(prev.lower) ||
        cueBase(prev.lower) !== undefined ||
        AUXILIARIES.has(prev.lower)
      )
        break;
      if (this.model.tokenSentence[start - 1] !== this.model.tokenSentence[k]) break;
      start--;
      if (end - start > 6) break;
    }
    if (start > j) return this.none(k, k + 1);
    const mention = this.mentionAt(j);
    if (mention && mention.last === j) return { kind: "named", entity: this.entityOf(mention), from: mention.prefixStart, to: end, publicVoice: false, online: false };
    const sub = this.readCommon(start, end);
    return { ...sub, from: start, to: end };
  }

  /** A group phrase beginning at k, for "they" ("Teachers in the district"), or null. */
  groupAt(k: number): Entity | null {
    const sub = this.readCommon(k, this.model.tokens.length);
    return sub.kind === "group" ? sub.entity : null;
  }

  /** A common noun phrase: determiner, modifiers, head; optionally "for/of/at <organisation>". */
  readCommon(k: number, limit: number): Subject {
    const { tokens } = this.model;
    const sentence = this.model.tokenSentence[k];
    let j = k;
    let head = -1;
    let owner: NameMention | undefined;
    while (j < limit && j < tokens.length && this.model.tokenSentence[j] === sentence && this.model.tokenQuote[j] === -1 && j - k < 7) {
      const t = tokens[j] as Token;
      if (t.possessive) {
        owner = this.mentionAt(j - 1) ?? owner;
        // "Labour’s Angela Rayner": a name after the possessive is the speaker.
        const named = this.mentionAt(j + 1);
        if (named && named.prefixStart === j + 1 && !this.modifiesNoun(named, limit)) return { ...this.readMention(j + 1, limit), from: k };
        j++;
        continue;
      }
      // "the teachers’ union": a plural possessive apostrophe joins the owner to the head.
      if (
        t.kind === "punct" &&
        (t.text === "’" || t.text === "'") &&
        head === j - 1 &&
        (tokens[j - 1] as Token).lower.endsWith("s") &&
        (tokens[j + 1] as Token | undefined)?.kind === "word"
      ) {
        j++;
        continue;
      }
      if (!isNounPhraseWord(t)) break;
      // "glaciologist Matthias Huss", "the veteran striker Harry Kane": a person's name after an unlisted job title.
      const named = j > k ? this.mentionAt(j) : undefined;
      if (named && named.first === j && (named.kind === "PERSON" || (named.kind === "UNKNOWN" && named.entity >= 0)) && !this.modifiesNoun(named, limit) && !owner) {
        return { ...this.readMention(j, limit), from: k };
      }
      // A second verb-like word after a head ends the phrase ("Analysts were ...").
      if (head >= 0 && !this.mentionAt(j) && !t.cap && !this.isHeadNoun(t.lower) && !/^\d/.test(t.text) && head === j - 1 && this.isHeadNoun((tokens[head] as Token).lower)) break;
      head = j;
      j++;
    }
    if (head < 0) return this.none(k, k);
    const words = tokens.slice(k, head + 1).filter((t) => t.kind === "word" && !t.possessive);
    const det = (words[0] as Token).lower;
    let headWord = (tokens[head] as Token).lower;
    const prevWord = head > k ? (tokens[head - 1] as Token).lower : "";
    if (`${prevWord} ${headWord}` === "prime minister" || `${prevWord} ${headWord}` === "chief executive") headWord = `${prevWord} ${headWord}`;
    const base: Subject = { kind: "none", entity: null, from: k, to: head + 1, publicVoice: false, online: false };

    // "a spokesperson for the Commission", "a statement from the White House": the organisation speaks.
    const orgAfter = this.organisationAfter(head + 1);
    const lastWord = headWord.split(" ").pop() as string;
    if (orgAfter && SPEAKS_FOR.has(lastWord)) return { ...base, kind: "named", entity: orgAfter, to: head + 1 };

    if (isDocumentHead(lastWord)) {
      // A document speaks for its owner ("the ministry’s statement"), its issuer ("a statement from X"), the last
      // speaker, or else whoever the previous sentence was about ("… the pope thanked well-wishers. … the message said").
      const ownerEntity = owner ? this.entityOf(owner) : (orgAfter ?? this.coref.lastSpeakerBefore(k, 2) ?? (det === "the" ? this.previousSubject(k) : null));
      return { ...base, kind: "document", entity: ownerEntity, online: isOnlineNoun(lastWord), publicVoice: isOnlineNoun(lastWord) };
    }

    const indefinite = det === "a" || det === "an" || det === "one" || det === "another" || NUMBER_WORDS.has(det);
    const definite = det === "the" || det === "this" || det === "that" || (owner !== undefined && !indefinite);
    if (words.length === 1 && isQuantifierSubject(det)) return { ...base, kind: "anonymous", publicVoice: true };

    if (isOnlineNoun(lastWord) || (isPublicNoun(lastWord) && (indefinite || !isGroupNoun(lastWord)))) {
      return { ...base, kind: "anonymous", publicVoice: true, online: isOnlineNoun(lastWord) };
    }
    if (isGroupNoun(lastWord) && !indefinite) {
      // "Some residents", "many analysts": quantifiers are dropped from the group's name.
      let from = 0;
      while (from < words.length - 1 && (isDeterminer((words[from] as Token).lower) || isQuantifierSubject((words[from] as Token).lower) || NUMBER_WORDS.has((words[from] as Token).lower)))
        from++;
      const nameTokens = words.slice(from);
      const first = nameTokens[0] as Token;
      const firstIndex = tokens.indexOf(first, k);
      let name = this.model.body.slice(first.start, (nameTokens[nameTokens.length - 1] as Token).end);
      if (first.cap && !this.mentionAt(firstIndex) && !countryOfAdjective(first.text) && isSentenceInitial(this.model, firstIndex)) name = name.charAt(0).toLowerCase() + name.slice(1);
      const entity = this.registry.group(name, first.start);
      return { ...base, kind: "group", entity, publicVoice: isPublicNoun(lastWord) };
    }
    // "the Spaniard", "the American": a demonym stands for a person of that country.
    const demonym = countryOfAdjective(lastWord) !== undefined && words.length <= 3;
    const fits = descriptionFits(headWord) ?? descriptionFits(lastWord) ?? (lastWord.endsWith("year-old") || demonym ? ["*"] : undefined);
    if (fits && definite) {
      const country = words.map((w) => countryOfAdjective(w.text)).find((c) => c !== undefined) ?? null;
      const key = descriptionFits(headWord) ? headWord : lastWord.endsWith("year-old") || demonym ? "year-old" : lastWord;
      // "Trump’s spokeswoman" is someone working for Trump: only a person with that role fits, never Trump himself.
      return { ...base, kind: "description", entity: this.coref.resolveDescription(k, key, country, owner !== undefined) };
    }
    // "the United Auto Workers union", "the Tesla board": the named organisation is the speaker.
    if (isOrgDescriptionHead(lastWord)) {
      for (let m = k; m < head; m++) {
        const inner = this.mentionAt(m);
        if (inner && (inner.kind === "ORGANIZATION" || inner.kind === "UNKNOWN") && !inner.possessive && inner.last < head) return { ...base, kind: "named", entity: this.entityOf(inner) };
      }
    }
    if (isOrgDescriptionHead(lastWord) && (definite || countryModifier(words))) {
      const known = this.coref.resolveOrgDescription(k, lastWord);
      if (known) return { ...base, kind: "description", entity: known };
      // "Ukraine’s foreign ministry", "the Russian defence ministry": an organisation identified by its country.
      if ((owner && canonicalCountry(owner.text)) || countryModifier(words)) {
        let from = words[0] as Token;
        if (from.lower === "the") from = words[1] ?? from;
        const name = this.model.body.slice(from.start, (tokens[head] as Token).end);
        return { ...base, kind: "named", entity: this.registry.organisation(name, from.start, name) };
      }
      // "The port authority", "the state health department": a lower-case name for an organisation not named otherwise.
      const hasPossessive = tokens.slice(k, head).some((t) => t.possessive);
      if (definite && !owner && !hasPossessive && words.length >= 3 && words.slice(1, -1).every((w) => !w.cap && !GENERIC_MODIFIERS.has(w.lower))) {
        const from = words[1] as Token;
        const name = this.model.body.slice(from.start, (tokens[head] as Token).end);
        return { ...base, kind: "named", entity: this.registry.organisation(name, from.start, name) };
      }
      return { ...base, kind: "description", entity: null };
    }
    // "“…,” a spokesperson said" right after an organisation spoke: the spokesperson is its voice.
    if (indefinite && SPOKESPEOPLE.has(lastWord)) {
      const principal = this.coref.recentOrganisation(k);
      if (principal) return { ...base, kind: "named", entity: principal };
    }
    if (indefinite || ANONYMOUS_PERSON.has(lastWord) || isRoleHead(lastWord)) return { ...base, kind: "anonymous" };
    return base;
  }

  /** Records that an entity first read as a person is an organisation (a company named in apposition). */
  markOrganisation(entity: Entity): void {
    if ((entity.kind === "PERSON" || entity.kind === "UNKNOWN") && !entity.role && entity.gender === null) entity.kind = "ORGANIZATION";
  }

  /** The named subject of the sentence before token k, if it is a person or organisation. */
  private previousSubject(k: number): Entity | null {
    const s = this.model.tokenSentence[k] as number;
    const previous = this.model.sentences[s - 1];
    if (!previous || previous.paragraph < (this.model.sentences[s]?.paragraph ?? 0) - 1) return null;
    let from = previous.tokenStart;
    // Skip a leading phrase set off by a comma ("In a message read on his behalf, the pope …").
    for (let j = previous.tokenStart; j < previous.tokenEnd && j - previous.tokenStart < 12; j++) {
      if ((this.model.tokens[j] as Token).text === ",") {
        from = j + 1;
        break;
      }
    }
    const subject = this.readWindow(from, previous.tokenEnd);
    return subject.kind === "named" || subject.kind === "description" || subject.kind === "pronoun" ? subject.entity : null;
  }

  /** The organisation or person after "by"/"from" in a phrase ("published by the IPCC"), or null. */
  issuerIn(from: number, to: number): Entity | null {
    for (let k = from; k < to; k++) {
      const t = this.token(k) as Token;
      if (t.lower !== "by" && t.lower !== "from") continue;
      let j = k + 1;
      if (this.token(j)?.lower === "the") j++;
      const issuer = this.readAt(j, to);
      if (issuer.kind === "named" && issuer.entity) return issuer.entity;
    }
    return null;
  }

  /** An organisation named right after a head noun: "for the Commission", "of Acme", "at the ministry". */
  private organisationAfter(k: number): Entity | null {
    const prep = this.token(k);
    if (!prep || !["for", "of", "at", "from", "with", "by"].includes(prep.lower)) return null;
    let j = k + 1;
    if (this.token(j)?.lower === "the") j++;
    const mention = this.mentionAt(j);
    if (mention && (mention.kind === "ORGANIZATION" || mention.kind === "PLACE" || mention.kind === "UNKNOWN")) return this.entityOf(mention);
    // "a spokesperson for Prime Minister Keir Starmer": a spokesperson speaks for the person too.
    if (mention && mention.kind === "PERSON" && mention.prefixStart === j && prep.lower === "for") return this.entityOf(mention);
    const t = this.token(j);
    if (t && isOrgDescriptionHead(t.lower) && this.token(j - 1)?.lower === "the") return this.coref.resolveOrgDescription(j, t.lower);
    return null;
  }
}
