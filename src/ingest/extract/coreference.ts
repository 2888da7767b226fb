// Resolves pronouns ("he"), descriptions ("the Russian leader", "the company") and "they"/"it" to the people and organisations already named in the article.
import type { DocumentModel } from "./document-model";
import type { Entity, EntityRegistry } from "./entity-registry";
import type { Gender } from "./lexicon/titles";
import { descriptionFits } from "./lexicon/titles";
import { POSSESSIVE_DETERMINERS } from "./lexicon/common-words";
import { isGroupNoun } from "./lexicon/group-nouns";
import type { MentionIndex } from "./speaker-mentions";
import type { Sentence } from "./sentence-splitter";
import type { Token } from "./text-tokens";

/** Organisation nouns vague enough to stand for any organisation named before ("the company said"). */
const GENERIC_ORG_HEADS = new Set([
  "",
  "company",
  "firm",
  "group",
  "organisation",
  "organization",
  "agency",
  "carmaker",
  "automaker",
  "airline",
  "retailer",
  "manufacturer",
  "developer",
  "insurer",
  "lender",
  "bank",
  "broadcaster",
  "startup",
  "start-up",
  "giant",
  "conglomerate",
  "operator",
  "maker",
  "producer",
  "chain",
  "utility",
  "supplier",
  "studio",
  "label",
  "club",
  "team",
  "charity",
  "network",
  "publisher",
  "newspaper",
  "body",
  "watchdog",
  "regulator",
  "institute",
  "foundation",
  "association",
  "business",
]);

const PLATFORMS = new Set(["x", "twitter", "facebook", "instagram", "tiktok", "reddit", "youtube", "telegram", "whatsapp", "linkedin", "snapchat", "threads", "bluesky", "weibo"]);

function isPlatformName(name: string): boolean {
  return PLATFORMS.has(name.toLowerCase());
}

/** How far back (in sentences) a pronoun or description may reach for its antecedent. */
const LOOKBACK_SENTENCES = 6;

interface Candidate {
  token: number;
  entity: number;
  /** Named in the possessive ("Pope Francis’s former secretary"): a modifier, not who the sentence is about. */
  possessive?: boolean;
}

export class Coreference {
  /** Extra person references learnt while attributing (resolved pronouns, quote speakers), per sentence. */
  private readonly learnt = new Map<number, Candidate[]>();
  private readonly pronounMemo = new Map<number, number>();
  /** Quote speakers by the token of their cue, for "the statement read" and continuations. */
  private readonly speakers: Candidate[] = [];
  private readonly groups = new Map<number, Candidate[]>();

  constructor(
    private readonly model: DocumentModel,
    private readonly index: MentionIndex,
    private readonly registry: EntityRegistry,
  ) {}

  private isPerson(entity: Entity): boolean {
    return entity.kind === "PERSON" || (entity.kind === "UNKNOWN" && entity.nameTokens.length > 0);
  }

  /** Named people, resolved pronouns and quote speakers in sentence s, in text order, before token `before`. */
  private personCandidates(s: number, before: number): Candidate[] {
    const sentence = this.model.sentences[s] as Sentence;
    const out: Candidate[] = [];
    const end = Math.min(before, sentence.tokenEnd);
    for (let k = sentence.tokenStart; k < end; k++) {
      if (this.model.tokenQuote[k] !== -1) continue;
      const m = this.index.tokenMention[k] as number;
      if (m >= 0) {
        const mention = this.index.mentions[m];
        if (mention && mention.first === k && mention.entity >= 0) {
          const e = this.registry.get(mention.entity);
          // After a possessive determiner a name is a modifier too ("her Downton Abbey co-star Hugh Bonneville").
          const modifier = mention.possessive || POSSESSIVE_DETERMINERS.has(this.model.tokens[mention.prefixStart - 1]?.lower ?? "");
          if (this.isPerson(e)) out.push({ token: k, entity: e.id, possessive: modifier });
        }
        continue;
      }
      const t = this.model.tokens[k] as Token;
      if (t.lower === "he" || t.lower === "she") {
        const resolved = this.resolvePronounAt(k, t.lower === "he" ? "m" : "f");
        if (resolved) out.push({ token: k, entity: resolved.id });
      }
    }
    for (const c of this.learnt.get(s) ?? []) if (c.token < end) out.push(c);
    out.sort((a, b) => a.token - b.token);
    return out;
  }

  private genderFits(entity: Entity, gender: Gender | null): boolean {
    return gender === null || entity.gender === null || entity.gender === gender;
  }

  /** Records a person as spoken of at a token (a quote speaker at its cue), so later pronouns can find them. */
  notePerson(token: number, entity: Entity): void {
    if (!this.isPerson(entity) && entity.kind !== "ORGANIZATION" && entity.kind !== "GROUP") return;
    const s = this.model.tokenSentence[token] as number;
    if (entity.kind === "GROUP") {
      const list = this.groups.get(s) ?? [];
      list.push({ token, entity: entity.id });
      this.groups.set(s, list);
      return;
    }
    if (!this.isPerson(entity)) return;
    const list = this.learnt.get(s) ?? [];
    list.push({ token, entity: entity.id });
    this.learnt.set(s, list);
  }

  noteSpeaker(token: number, entity: Entity): void {
    this.speakers.push({ token, entity: entity.id });
    this.notePerson(token, entity);
  }

  /** The most recent quote speaker within `sentences` sentences before the token. */
  lastSpeakerBefore(token: number, sentences: number): Entity | null {
    const s = this.model.tokenSentence[token] as number;
    for (let i = this.speakers.length - 1; i >= 0; i--) {
      const c = this.speakers[i] as Candidate;
      if (c.token >= token) continue;
      if (s - (this.model.tokenSentence[c.token] as number) > sentences) return null;
      return this.registry.get(c.entity);
    }
    return null;
  }

  /** "he"/"she" at token i: the subject-most fitting person of the same sentence, else of the nearest earlier sentence that has one. */
  resolvePronounAt(i: number, gender: Gender | null): Entity | null {
    const memo = this.pronounMemo.get(i);
    if (memo !== undefined) return memo >= 0 ? this.registry.get(memo) : null;
    this.pronounMemo.set(i, -1); // guards against cycles while resolving
    const found = this.search(i, (e) => this.genderFits(e, gender));
    if (found && gender && !found.gender) found.gender = gender;
    this.pronounMemo.set(i, found ? found.id : -1);
    return found;
  }

  private search(i: number, fits: (e: Entity) => boolean): Entity | null {
    const s = this.model.tokenSentence[i] as number;
    for (let k = s; k >= 0 && s - k <= LOOKBACK_SENTENCES; k--) {
      const candidates = this.personCandidates(k, k === s ? i : Number.MAX_SAFE_INTEGER);
      // A possessor is taken only when nobody else in the sentence fits: "Francis’s secretary, Georg
      // Gänswein, reflected … he said" speaks of the secretary.
      for (const possessive of [false, true]) {
        for (const c of candidates) {
          if (Boolean(c.possessive) !== possessive) continue;
          const e = this.registry.get(c.entity);
          if (fits(e)) return e;
        }
      }
    }
    return null;
  }

  /** "the Russian leader", "the 21-year-old": a person whose role fits the noun, else the salient person with no role. */
  resolveDescription(i: number, head: string, country: string | null, roleOnly = false): Entity | null {
    const fits = descriptionFits(head) ?? [];
    if (fits.includes("*")) return roleOnly ? null : this.search(i, () => true);
    const roleFits = (e: Entity): boolean => {
      const role = e.role?.toLowerCase();
      if (!role) return false;
      if (country && role.includes(" of ") && !role.includes(country.toLowerCase())) return false;
      return fits.some((f) => role.includes(f)) || role.includes(head);
    };
    return this.search(i, roleFits) ?? (roleOnly ? null : this.search(i, (e) => e.role === null && !country));
  }

  /**
   * "the company", "the ministry": the nearest earlier organisation named like the noun. Generic nouns ("the
   * company", "the agency") may also stand for the nearest organisation of any name; specific ones ("the
   * ministry", "the office") may not, and social platforms are never taken for a company in the story.
   */
  resolveOrgDescription(i: number, head: string): Entity | null {
    const s = this.model.tokenSentence[i] as number;
    let fallback: Entity | null = null;
    let fallbackSentence = -1;
    for (let m = this.index.mentions.length - 1; m >= 0; m--) {
      const mention = this.index.mentions[m];
      if (!mention || mention.first >= i || mention.entity < 0) continue;
      if (s - (this.model.tokenSentence[mention.first] as number) > LOOKBACK_SENTENCES * 2) break;
      const e = this.registry.get(mention.entity);
      if (e.kind !== "ORGANIZATION" && e.kind !== "UNKNOWN") continue;
      if (e.nameTokens.includes(head)) return e;
      // Of the organisations in the nearest sentence that names any, the subject-most (the first): "Microsoft
      // says the outage affecting Outlook and Teams is over … the company wrote" speaks of Microsoft.
      if (isPlatformName(e.name)) continue;
      if (!fallback || this.model.tokenSentence[mention.first] === fallbackSentence) {
        fallback = e;
        fallbackSentence = this.model.tokenSentence[mention.first] as number;
      }
    }
    if (!GENERIC_ORG_HEADS.has(head)) return null;
    if (fallback && fallback.kind === "UNKNOWN") fallback.kind = "ORGANIZATION";
    return fallback;
  }

  /** The organisation that spoke or was named in this or the previous sentence, for an unnamed spokesperson. */
  recentOrganisation(i: number): Entity | null {
    const s = this.model.tokenSentence[i] as number;
    const speaker = this.lastSpeakerBefore(i, 1);
    if (speaker && speaker.kind === "ORGANIZATION") return speaker;
    for (let m = this.index.mentions.length - 1; m >= 0; m--) {
      const mention = this.index.mentions[m];
      if (!mention || mention.first >= i || mention.entity < 0) continue;
      if (s - (this.model.tokenSentence[mention.first] as number) > 1) break;
      const e = this.registry.get(mention.entity);
      if (e.kind === "ORGANIZATION" && !isPlatformName(e.name)) return e;
    }
    return null;
  }

  /** "it": the nearest earlier organisation. */
  resolveIt(i: number): Entity | null {
    return this.resolveOrgDescription(i, "");
  }

  /** "they": a group named at a clause start, or an organisation, in the same or an earlier sentence. */
  resolvePlural(i: number, groupAt: (k: number) => Entity | null): Entity | null {
    const s = this.model.tokenSentence[i] as number;
    for (let k = s; k >= 0 && s - k <= LOOKBACK_SENTENCES; k--) {
      const sentence = this.model.sentences[k] as Sentence;
      const end = k === s ? i : sentence.tokenEnd;
      for (const c of this.groups.get(k) ?? []) if (c.token < end) return this.registry.get(c.entity);
      for (let t = sentence.tokenStart; t < end; t++) {
        if (this.model.tokenQuote[t] !== -1) continue;
        const token = this.model.tokens[t] as Token;
        const prev = this.model.tokens[t - 1];
        const clauseStart = t === sentence.tokenStart || prev?.text === "," || prev?.lower === "and";
        if (clauseStart && token.kind === "word") {
          const group = groupAt(t);
          if (group) return group;
        }
        if (isGroupNoun(token.lower) && clauseStart) {
          const group = groupAt(t);
          if (group) return group;
        }
      }
    }
    return null;
  }
}
