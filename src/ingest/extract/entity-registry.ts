// Keeps the people, organisations and groups of one article, merging the names used for each ("Putin" = "Vladimir Putin", "WHO" = "World Health Organization").
import type { ExtractedSpeaker, SpeakerKind } from "../types";
import type { Gender } from "./lexicon/titles";

export type EntityKind = SpeakerKind | "UNKNOWN";

export interface Entity {
  id: number;
  name: string;
  kind: EntityKind;
  role: string | null;
  gender: Gender | null;
  aliases: Set<string>;
  /** Lower-case name words without dots, used for matching, and the same joined by spaces. */
  nameTokens: string[];
  key: string;
  /** Keys of the aliases, so lookups by alias need no re-normalising. */
  aliasKeys: Set<string>;
  firstOffset: number;
  /** Set when a quote is attributed to the entity; speakers[] lists these plus named people. */
  spoke: boolean;
}

const CONNECTORS = new Set(["of", "for", "and", "the", "&", "on", "de", "la"]);

function words(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’']s$/, "")
    .split(/\s+/)
    .map((w) => w.replace(/\./g, ""))
    .filter(Boolean);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => w && !CONNECTORS.has(w.toLowerCase()))
    .map((w) => w.charAt(0).toUpperCase())
    .join("");
}

function isAcronym(name: string): boolean {
  const bare = name.replace(/\./g, "");
  return /^[A-Z]{2,6}$/.test(bare);
}

export class EntityRegistry {
  private readonly entities: Entity[] = [];

  all(): readonly Entity[] {
    return this.entities;
  }

  get(id: number): Entity {
    const entity = this.entities[id];
    if (!entity) throw new RangeError(`No entity ${id}`);
    return entity;
  }

  private create(name: string, kind: EntityKind, offset: number): Entity {
    const tokens = words(name);
    const entity: Entity = {
      id: this.entities.length,
      name,
      kind,
      role: null,
      gender: null,
      aliases: new Set(),
      nameTokens: tokens,
      key: tokens.join(" "),
      aliasKeys: new Set(),
      firstOffset: offset,
      spoke: false,
    };
    this.entities.push(entity);
    return entity;
  }

  /** Records another name for an entity. */
  alias(entity: Entity, name: string): void {
    if (name === entity.name || entity.aliases.has(name)) return;
    entity.aliases.add(name);
    entity.aliasKeys.add(words(name).join(" "));
  }

  /** Gives an entity a fuller name, keeping the old one as an alias. */
  private rename(entity: Entity, name: string): void {
    const old = entity.name;
    entity.name = name;
    entity.nameTokens = words(name);
    entity.key = entity.nameTokens.join(" ");
    this.alias(entity, old);
  }

  /** Finds or creates the person a name refers to; a longer name upgrades an entity first seen by surname. */
  person(name: string, offset: number, role: string | null, gender: Gender | null): Entity {
    const tokens = words(name);
    let entity = this.matchPerson(tokens, offset);
    if (!entity) {
      entity = this.create(name, "PERSON", offset);
    } else if (tokens.length > entity.nameTokens.length && tokens[tokens.length - 1] === entity.nameTokens[entity.nameTokens.length - 1]) {
      this.rename(entity, name);
    }
    if (entity.kind === "UNKNOWN") entity.kind = "PERSON";
    // Aliases are names ("Putin", "Vladimir Putin"), not mentions: a titled form ("Russian President Vladimir
    // Putin") is the name plus a role that changes over time, and every outlet titles people differently.
    this.alias(entity, name);
    if (role && !entity.role) entity.role = role;
    if (gender && !entity.gender) entity.gender = gender;
    return entity;
  }

  /** A single capitalised word used as a subject ("Smith said") with no earlier full name: kept as an entity of unknown kind. */
  unknown(name: string, offset: number): Entity {
    const tokens = words(name);
    const existing = this.matchPerson(tokens, offset) ?? this.matchOrg(name);
    return existing ?? this.create(name, "UNKNOWN", offset);
  }

  /** Existing person a name fits, or undefined; never creates one. */
  matchPerson(tokens: readonly string[], offset: number): Entity | undefined {
    if (tokens.length === 0) return undefined;
    const joined = tokens.join(" ");
    let best: Entity | undefined;
    let bestScore = 0;
    for (const e of this.entities) {
      if (e.kind !== "PERSON" && e.kind !== "UNKNOWN") continue;
      let score = 0;
      if (e.key === joined) score = 4;
      else if (tokens.length === 1) {
        const t = tokens[0] as string;
        if (e.nameTokens[e.nameTokens.length - 1] === t) score = 3;
        else if (e.nameTokens.length > 1 && e.nameTokens.includes(t)) score = 2;
      } else if (e.nameTokens.length === 1) {
        const t = e.nameTokens[0] as string;
        if (tokens[tokens.length - 1] === t) score = 3;
        else if (tokens[0] === t) score = 2;
      } else if (e.nameTokens[e.nameTokens.length - 1] === tokens[tokens.length - 1]) {
        const a = e.nameTokens[0] as string;
        const b = tokens[0] as string;
        if (a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) score = 3;
      }
      // Prefer people introduced before this mention, then the most recently introduced.
      if (score > 0 && e.firstOffset <= offset) score += 0.5;
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    return best;
  }

  organisation(name: string, offset: number, surface: string): Entity {
    const clean = name.replace(/^the\s+/i, "").replace(/[’']s$/, "");
    let entity = this.matchOrg(clean);
    if (!entity) {
      entity = this.create(clean, "ORGANIZATION", offset);
    } else if (isAcronym(entity.name) && !isAcronym(clean)) {
      this.rename(entity, clean);
    } else if (words(clean).length > entity.nameTokens.length && !isAcronym(clean) && entity.nameTokens.length === 1) {
      this.rename(entity, clean);
    }
    entity.kind = "ORGANIZATION";
    this.alias(entity, clean);
    if (surface !== clean && !/^the\s/i.test(surface)) this.alias(entity, surface);
    return entity;
  }

  matchOrg(name: string): Entity | undefined {
    const clean = name.replace(/^the\s+/i, "");
    const tokens = words(clean);
    const joined = tokens.join(" ");
    for (let i = this.entities.length - 1; i >= 0; i--) {
      const e = this.entities[i] as Entity;
      if (e.kind !== "ORGANIZATION" && e.kind !== "UNKNOWN") continue;
      if (e.key === joined || e.aliasKeys.has(joined)) return e;
      if (isAcronym(clean) && initials(e.name) === clean.replace(/\./g, "")) return e;
      if (isAcronym(e.name) && initials(clean) === e.name.replace(/\./g, "")) return e;
      if (e.kind === "ORGANIZATION" && tokens.length === 1 && e.nameTokens.length > 1 && e.nameTokens[e.nameTokens.length - 1] === tokens[0]) return e;
    }
    return undefined;
  }

  group(name: string, offset: number): Entity {
    const lower = name.toLowerCase();
    const existing = this.entities.find((e) => e.kind === "GROUP" && e.name.toLowerCase() === lower);
    return existing ?? this.create(name, "GROUP", offset);
  }

  /**
   * The speakers list: everyone who was quoted, plus named people mentioned outside quotes (the graph links them
   * to the article even when they do not speak), ordered by first mention.
   */
  toSpeakers(mentionedPeople: ReadonlySet<number>): ExtractedSpeaker[] {
    return this.entities
      .filter((e) => e.spoke || (e.kind === "PERSON" && mentionedPeople.has(e.id) && e.nameTokens.length > 1))
      .sort((a, b) => a.firstOffset - b.firstOffset)
      .map((e) => ({
        name: e.name,
        role: e.role,
        kind: e.kind === "UNKNOWN" ? "PERSON" : e.kind,
        aliases: [...e.aliases].filter((a) => a !== e.name),
      }));
  }
}
