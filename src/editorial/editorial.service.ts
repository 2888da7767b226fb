// Editors' writes: articles (draft → published → unpublished), quotes and their attribution, and
// speakers, including merging two records of one person. Every write is one transaction; clashes with
// unique keys (slug, URL, content, Wikidata id) answer CONFLICT.
import type { DataSource, EntityManager } from "typeorm";
import { ArticleStatus } from "../../entities/article-status.enum";
import { Article } from "../../entities/article.entity";
import type { QuoteKind } from "../../entities/quote-kind.enum";
import { Quote } from "../../entities/quote.entity";
import type { SpeakerKind } from "../../entities/speaker-kind.enum";
import { Speaker } from "../../entities/speaker.entity";
import { requireRole, type Actor } from "../auth/actor";
import { assertUuid, BadUserInputError, ConflictError, NotFoundError } from "../errors";
import { ContentChanges, type ArticleDependents } from "../cache/content-changes";
import type { NewsEvents } from "../pubsub/news-events";
import { normalizedHash, slugify, uniqueSlug } from "../text/slug";

export interface ArticleData {
  title?: string;
  body?: string;
  summary?: string | null;
  url?: string | null;
  publishedAt?: Date | null;
  dateline?: string | null;
  language?: string;
  topics?: string[];
  outletId?: string | null;
}

export interface QuoteData {
  articleId?: string;
  speakerId?: string | null;
  text?: string;
  kind?: QuoteKind;
  startOffset?: number | null;
  endOffset?: number | null;
  cue?: string | null;
}

export interface SpeakerData {
  name?: string;
  role?: string | null;
  kind?: SpeakerKind;
  aliases?: string[];
  wikidataId?: string | null;
  gender?: string | null;
  occupations?: string[];
  party?: string | null;
  country?: string | null;
  dateOfBirth?: string | null;
}

const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(err: unknown): err is { constraint?: string; detail?: string } {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e?.code === UNIQUE_VIOLATION || e?.driverError?.code === UNIQUE_VIOLATION;
}

function conflictMessage(err: { constraint?: string; detail?: string; driverError?: { constraint?: string; detail?: string } }): string {
  const constraint = err.constraint ?? err.driverError?.constraint ?? "";
  if (constraint.includes("content_hash")) return "An article with the same title and text already exists.";
  if (constraint.includes("url")) return "An article with this URL already exists.";
  if (constraint.includes("wikidata")) return "Another speaker already has this Wikidata id.";
  if (constraint.includes("slug")) return "The slug is taken.";
  return "This clashes with an existing record.";
}

/** BAD_USER_INPUT when a field that cannot be empty is given as null. */
function noNulls(data: object, keys: readonly string[]): void {
  for (const key of keys) {
    if ((data as Record<string, unknown>)[key] === null) throw new BadUserInputError(`input.${key} cannot be null; omit it to keep it.`, `input.${key}`);
  }
}

function contentHash(title: string, body: string): string {
  return normalizedHash(`${title}\n${body}`);
}

/** Case-insensitive de-duplication that keeps the first spelling. */
function distinctNames(names: Array<string | null | undefined>, exclude: string): string[] {
  const seen = new Set([exclude.trim().toLowerCase()]);
  const out: string[] = [];
  for (const n of names) {
    const t = n?.trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

export class EditorialService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: NewsEvents,
    private readonly changes: ContentChanges = new ContentChanges(),
  ) {}

  /** Tells the cache what an article-wide write changed (after its transaction committed). */
  private async articleChanged(before: ArticleDependents | null, articleId: string | null): Promise<void> {
    const after = articleId ? await this.changes.dependentsOf(this.ds, articleId) : null;
    const all = [before, after].filter((d): d is ArticleDependents => d !== null);
    if (!all.length) return;
    await this.changes.article({
      articleId: all[0].articleId,
      outletIds: all.flatMap((d) => d.outletIds),
      quoteIds: all.flatMap((d) => d.quoteIds),
      speakerIds: all.flatMap((d) => d.speakerIds),
    });
  }

  /** Runs `work` in a transaction, turning unique-key clashes into CONFLICT. */
  private async write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.ds.transaction(work);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(conflictMessage(err as never));
      throw err;
    }
  }

  private async article(m: EntityManager, id: string, field = "id"): Promise<Article> {
    const a = await m.getRepository(Article).findOne({ where: { id: assertUuid(id, field) }, lock: { mode: "pessimistic_write" } });
    if (!a) throw new NotFoundError("Article", id);
    return a;
  }

  private async speaker(m: EntityManager, id: string, field = "id"): Promise<Speaker> {
    const s = await m.getRepository(Speaker).findOne({ where: { id: assertUuid(id, field) }, lock: { mode: "pessimistic_write" } });
    if (!s) throw new NotFoundError("Speaker", id);
    return s;
  }

  private async checkOutlet(m: EntityManager, outletId: string | null | undefined, field: string): Promise<void> {
    if (outletId == null) return;
    const rows: unknown[] = await m.query(`SELECT 1 FROM outlets WHERE id = $1`, [assertUuid(outletId, field)]);
    if (!rows.length) throw new BadUserInputError(`${field}: outlet ${outletId} was not found.`, field);
  }

  /** A new article, as a DRAFT until published. */
  async createArticle(actor: Actor, data: ArticleData & { title: string; body: string }): Promise<Article> {
    requireRole(actor, "EDITOR");
    return this.write(async (m) => {
      await this.checkOutlet(m, data.outletId, "input.outletId");
      const repo = m.getRepository(Article);
      const hash = contentHash(data.title, data.body);
      const base = slugify(data.title);
      const slug = (await repo.exists({ where: { slug: base } })) ? uniqueSlug(data.title, hash) : base;
      const article = repo.create({
        slug,
        title: data.title,
        body: data.body,
        summary: data.summary ?? null,
        url: data.url ?? null,
        publishedAt: data.publishedAt ?? null,
        dateline: data.dateline ?? null,
        language: data.language ?? "en",
        topics: [...new Set((data.topics ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
        outletId: data.outletId ?? null,
        contentHash: hash,
        status: ArticleStatus.DRAFT,
      });
      return repo.save(article);
    });
  }

  async updateArticle(actor: Actor, id: string, data: ArticleData): Promise<Article> {
    requireRole(actor, "EDITOR");
    let before: ArticleDependents | null = null;
    const saved = await this.write(async (m) => {
      noNulls(data, ["title", "body", "language", "topics"]);
      const a = await this.article(m, id);
      before = await this.changes.dependentsOf(m, a.id);
      if (data.outletId !== undefined) await this.checkOutlet(m, data.outletId, "input.outletId");
      for (const key of ["title", "body", "summary", "url", "publishedAt", "dateline", "language", "outletId"] as const) {
        if (data[key] !== undefined) (a as unknown as Record<string, unknown>)[key] = data[key];
      }
      if (data.topics !== undefined) a.topics = [...new Set(data.topics.map((t) => t.trim().toLowerCase()).filter(Boolean))];
      a.contentHash = contentHash(a.title, a.body);
      return m.getRepository(Article).save(a);
    });
    await this.articleChanged(before, saved.id);
    return saved;
  }

  /** Makes the article public; it takes `now` as its publication time when it has none. */
  async publishArticle(actor: Actor, id: string): Promise<Article> {
    requireRole(actor, "EDITOR");
    const saved = await this.write(async (m) => {
      const a = await this.article(m, id);
      a.status = ArticleStatus.PUBLISHED;
      a.publishedAt ??= actor.now;
      return m.getRepository(Article).save(a);
    });
    await this.articleChanged(null, saved.id);
    return saved;
  }

  async unpublishArticle(actor: Actor, id: string): Promise<Article> {
    requireRole(actor, "EDITOR");
    const saved = await this.write(async (m) => {
      const a = await this.article(m, id);
      a.status = ArticleStatus.DRAFT;
      return m.getRepository(Article).save(a);
    });
    await this.articleChanged(null, saved.id);
    return saved;
  }

  /** Deletes the article with its quotes, reactions and comments; returns its id. */
  async deleteArticle(actor: Actor, id: string): Promise<string> {
    requireRole(actor, "EDITOR");
    let before: ArticleDependents | null = null;
    const deleted = await this.write(async (m) => {
      const a = await this.article(m, id);
      before = await this.changes.dependentsOf(m, a.id);
      await m.getRepository(Article).delete({ id: a.id });
      return a.id;
    });
    await this.articleChanged(before, null);
    return deleted;
  }

  private checkOffsets(body: string, start: number | null | undefined, end: number | null | undefined): void {
    if ((start == null) !== (end == null)) throw new BadUserInputError("Give both startOffset and endOffset, or neither.", "input.endOffset");
    if (start == null || end == null) return;
    if (start < 0 || end < start) throw new BadUserInputError("endOffset must not be before startOffset.", "input.endOffset");
    if (end > body.length) throw new BadUserInputError(`endOffset is past the end of the article body (${body.length}).`, "input.endOffset");
  }

  async addQuote(actor: Actor, data: QuoteData & { articleId: string; text: string; kind: QuoteKind }): Promise<Quote> {
    requireRole(actor, "EDITOR");
    let published = false;
    const saved = await this.write(async (m) => {
      const a = await this.article(m, data.articleId, "input.articleId");
      published = a.status === ArticleStatus.PUBLISHED;
      if (data.speakerId != null) await this.speaker(m, data.speakerId, "input.speakerId");
      this.checkOffsets(a.body, data.startOffset, data.endOffset);
      const pos: Array<{ next: number }> = await m.query(`SELECT coalesce(max(position), -1) + 1 AS next FROM quotes WHERE article_id = $1`, [a.id]);
      const repo = m.getRepository(Quote);
      return repo.save(
        repo.create({
          articleId: a.id,
          speakerId: data.speakerId ?? null,
          speakerSetByEditor: data.speakerId !== undefined,
          text: data.text,
          kind: data.kind,
          startOffset: data.startOffset ?? null,
          endOffset: data.endOffset ?? null,
          cue: data.cue ?? null,
          position: Number(pos[0].next),
          textHash: normalizedHash(data.text),
        }),
      );
    });
    if (published && saved.speakerId) this.events.quoteAdded({ speakerId: saved.speakerId, quoteId: saved.id });
    await this.articleChanged(null, saved.articleId);
    return saved;
  }

  /** Fixes a quote's text, kind, offsets, cue or speaker (`speakerId: null` removes the attribution). */
  async updateQuote(actor: Actor, id: string, data: QuoteData): Promise<Quote> {
    requireRole(actor, "EDITOR");
    let announce = false;
    let before: ArticleDependents | null = null;
    const saved = await this.write(async (m) => {
      noNulls(data, ["text", "kind"]);
      const repo = m.getRepository(Quote);
      const q = await repo.findOne({ where: { id: assertUuid(id, "id") }, lock: { mode: "pessimistic_write" } });
      if (!q) throw new NotFoundError("Quote", id);
      before = await this.changes.dependentsOf(m, q.articleId);
      if (data.speakerId != null) await this.speaker(m, data.speakerId, "input.speakerId");
      const moved = data.speakerId !== undefined && data.speakerId !== q.speakerId;
      for (const key of ["speakerId", "text", "kind", "startOffset", "endOffset", "cue"] as const) {
        if (data[key] !== undefined) (q as unknown as Record<string, unknown>)[key] = data[key];
      }
      // An editor's speaker (or its removal) is kept by every later re-extraction.
      if (data.speakerId !== undefined) q.speakerSetByEditor = true;
      const a = await this.article(m, q.articleId);
      this.checkOffsets(a.body, q.startOffset, q.endOffset);
      q.textHash = normalizedHash(q.text);
      announce = moved && q.speakerId !== null && a.status === ArticleStatus.PUBLISHED;
      return repo.save(q);
    });
    // Newly attributed to a speaker: it is a new quote of theirs.
    if (announce && saved.speakerId) this.events.quoteAdded({ speakerId: saved.speakerId, quoteId: saved.id });
    await this.articleChanged(before, saved.articleId);
    return saved;
  }

  async deleteQuote(actor: Actor, id: string): Promise<string> {
    requireRole(actor, "EDITOR");
    let before: ArticleDependents | null = null;
    let articleId: string | null = null;
    const deleted = await this.write(async (m) => {
      const q = await m.getRepository(Quote).findOne({ where: { id: assertUuid(id, "id") } });
      if (!q) throw new NotFoundError("Quote", id);
      before = await this.changes.dependentsOf(m, q.articleId);
      articleId = q.articleId;
      await m.getRepository(Quote).delete({ id: q.id });
      return id;
    });
    await this.articleChanged(before, articleId);
    return deleted;
  }

  async createSpeaker(actor: Actor, data: SpeakerData & { name: string }): Promise<Speaker> {
    requireRole(actor, "EDITOR");
    const saved = await this.write(async (m) => {
      const repo = m.getRepository(Speaker);
      const base = slugify(data.name);
      const slug = (await repo.exists({ where: { slug: base } })) ? uniqueSlug(data.name, `${data.name}\n${data.role ?? ""}\n${actor.now.toISOString()}`) : base;
      return repo.save(
        repo.create({
          slug,
          name: data.name,
          role: data.role ?? null,
          kind: data.kind,
          aliases: distinctNames(data.aliases ?? [], data.name),
          wikidataId: data.wikidataId ?? null,
        }),
      );
    });
    await this.changes.speakers([saved.id]);
    return saved;
  }

  async updateSpeaker(actor: Actor, id: string, data: SpeakerData): Promise<Speaker> {
    requireRole(actor, "EDITOR");
    const saved = await this.write(async (m) => {
      noNulls(data, ["name", "kind", "aliases"]);
      const s = await this.speaker(m, id);
      if (data.name !== undefined) s.name = data.name;
      if (data.role !== undefined) s.role = data.role;
      if (data.kind !== undefined) s.kind = data.kind;
      if (data.wikidataId !== undefined) s.wikidataId = data.wikidataId;
      // An editor's link (or unlink) wins over `newsgraph speakers enrich`.
      if (data.wikidataId !== undefined) s.wikidataLinkedBy = "EDITOR";
      if (data.aliases !== undefined) s.aliases = distinctNames(data.aliases, s.name);
      noNulls(data, ["occupations"]);
      for (const key of ["gender", "occupations", "party", "country", "dateOfBirth"] as const) if (data[key] !== undefined) (s as unknown as Record<string, unknown>)[key] = data[key];
      return m.getRepository(Speaker).save(s);
    });
    await this.changes.speakers([saved.id]);
    return saved;
  }

  /**
   * Folds speaker `fromId` into `intoId`: every quote moves over, `from`'s name and aliases become
   * aliases of `into` (and its role and Wikidata id fill gaps), then `from` is deleted. One transaction.
   */
  async mergeSpeakers(actor: Actor, fromId: string, intoId: string): Promise<Speaker> {
    requireRole(actor, "EDITOR");
    const from = assertUuid(fromId, "from");
    const into = assertUuid(intoId, "into");
    if (from === into) throw new BadUserInputError("from and into must be different speakers.", "into");
    const merged = await this.write(async (m) => {
      // Lock in id order so two opposite merges cannot deadlock.
      const [first, second] = [from, into].sort();
      const a = await this.speaker(m, first, first === from ? "from" : "into");
      const b = await this.speaker(m, second, second === from ? "from" : "into");
      const source = a.id === from ? a : b;
      const target = a.id === into ? a : b;
      await m.query(`UPDATE quotes SET speaker_id = $1 WHERE speaker_id = $2`, [target.id, source.id]);
      target.aliases = distinctNames([...target.aliases, source.name, ...source.aliases], target.name);
      target.role ??= source.role;
      const wikidata = target.wikidataId ?? source.wikidataId;
      await m.getRepository(Speaker).delete({ id: source.id });
      target.wikidataId = wikidata;
      return m.getRepository(Speaker).save(target);
    });
    await this.changes.speakers([from, into]);
    return merged;
  }
}
