// Stores one extracted document (article, outlet, speakers, quotes, reactions) in one transaction.
// Running it again for the same article (same URL or same content) updates it in place: ids of the
// article and of unchanged quotes stay stable, nothing is duplicated.
import type { DataSource, EntityManager } from "typeorm";
import { Article } from "../../../entities/article.entity";
import { Outlet } from "../../../entities/outlet.entity";
import { Quote } from "../../../entities/quote.entity";
import { QuoteKind } from "../../../entities/quote-kind.enum";
import { Reaction } from "../../../entities/reaction.entity";
import { ReactionOrigin } from "../../../entities/reaction-origin.enum";
import { Sentiment } from "../../../entities/sentiment.enum";
import { Speaker } from "../../../entities/speaker.entity";
import { SpeakerKind } from "../../../entities/speaker-kind.enum";
import { normalizedHash, slugify, uniqueSlug } from "../../text/slug";
import type { ExtractedDocument, ExtractedSpeaker } from "../types";

export interface StoreResult {
  article: Article;
  /** True when the article was new; false when an existing one was updated. */
  created: boolean;
  quotes: number;
  speakers: number;
  reactions: number;
}

/** Hash that identifies an article's content regardless of where it was found. */
export function contentHash(title: string, body: string): string {
  return normalizedHash(`${title}\n${body}`);
}

function lower(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim().toLowerCase()).filter(Boolean))];
}

async function upsertOutlet(m: EntityManager, name: string | null | undefined, domain: string | null | undefined): Promise<string | null> {
  const cleanDomain = domain?.trim().toLowerCase().replace(/^www\./, "") || null;
  const cleanName = name?.trim() || cleanDomain;
  if (!cleanName) return null;
  const repo = m.getRepository(Outlet);
  const existing = cleanDomain ? await repo.findOne({ where: { domain: cleanDomain } }) : await repo.findOne({ where: { slug: slugify(cleanName) } });
  if (existing) return existing.id;
  const outlet = repo.create({
    name: cleanName,
    domain: cleanDomain,
    url: cleanDomain ? `https://${cleanDomain}` : null,
    slug: (await repo.exists({ where: { slug: slugify(cleanName) } })) ? uniqueSlug(cleanName, cleanDomain ?? cleanName) : slugify(cleanName),
  });
  return (await repo.save(outlet)).id;
}

/**
 * Finds the stored speaker an extracted one names: same name, or a name/alias of one equal to a
 * name/alias of the other ("Putin" = "Vladimir Putin" once either form has been seen with the other).
 * Creates it when none matches; merges new aliases and a missing role into a match.
 */
export async function resolveSpeaker(m: EntityManager, s: ExtractedSpeaker): Promise<Speaker> {
  const repo = m.getRepository(Speaker);
  const names = lower([s.name, ...s.aliases]);
  const candidates: Array<{ id: string; name: string }> = await m.query(
    `SELECT id, name FROM speakers
     WHERE lower(name) = ANY($1::text[])
        OR EXISTS (SELECT 1 FROM unnest(aliases) al WHERE lower(al) = ANY($1::text[]))
     ORDER BY (lower(name) = $2) DESC, created_at ASC LIMIT 1`,
    [names, s.name.trim().toLowerCase()],
  );
  const kind = (Object.values(SpeakerKind) as string[]).includes(s.kind) ? (s.kind as SpeakerKind) : SpeakerKind.PERSON;
  if (candidates[0]) {
    const speaker = (await repo.findOneByOrFail({ id: candidates[0].id }));
    const known = new Set(lower([speaker.name, ...speaker.aliases]));
    const extra = [s.name, ...s.aliases].filter((a) => a.trim() && !known.has(a.trim().toLowerCase()));
    // A fuller form of the name ("Vladimir Putin" after "Putin") becomes the canonical one.
    const fuller = s.name.length > speaker.name.length && s.name.toLowerCase().includes(speaker.name.toLowerCase());
    if (extra.length || (!speaker.role && s.role) || fuller) {
      if (fuller) speaker.aliases = [...new Set([...speaker.aliases, speaker.name].filter((a) => a !== s.name))];
      speaker.aliases = [...new Set([...speaker.aliases, ...extra.map((a) => a.trim())].filter((a) => a !== (fuller ? s.name : speaker.name)))];
      if (fuller) speaker.name = s.name.trim();
      speaker.role ??= s.role;
      await repo.save(speaker);
    }
    return speaker;
  }
  const base = slugify(s.name);
  const slug = (await repo.exists({ where: { slug: base } })) ? uniqueSlug(s.name, `${s.name}|${s.role ?? ""}|${Date.now()}`) : base;
  return repo.save(
    repo.create({
      name: s.name.trim(),
      role: s.role,
      kind,
      slug,
      aliases: [...new Set(s.aliases.map((a) => a.trim()).filter((a) => a && a !== s.name.trim()))],
      wikidataId: null,
    }),
  );
}

/** The lock key of a name: its last word, lower-cased ("Putin" for every form of Vladimir Putin's name). */
export function nameLockKey(name: string): string {
  const words = name.trim().toLowerCase().split(/\s+/);
  return `speaker:${words[words.length - 1] ?? ""}`;
}

/**
 * Takes transaction-scoped advisory locks on the name families, always in sorted order so that two
 * ingests can never wait on each other in a cycle. Released at commit or rollback.
 */
async function lockNames(m: EntityManager, names: string[]): Promise<void> {
  const keys = [...new Set(names.filter((n) => n.trim()).map(nameLockKey))].sort();
  if (!keys.length) return;
  await m.query(`SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS sorted`, [keys]);
}

async function findExisting(m: EntityManager, url: string | null, hash: string): Promise<Article | null> {
  const repo = m.getRepository(Article);
  if (url) {
    const byUrl = await repo.findOne({ where: { url } });
    if (byUrl) return byUrl;
  }
  return repo.findOne({ where: { contentHash: hash } });
}

async function articleSlug(m: EntityManager, title: string, hash: string, current?: string): Promise<string> {
  const base = slugify(title);
  if (current === base) return base;
  const taken = await m.getRepository(Article).exists({ where: { slug: base } });
  return taken ? uniqueSlug(title, hash) : base;
}

/** Stores `doc` in one transaction. */
export async function storeDocument(ds: DataSource, doc: ExtractedDocument): Promise<StoreResult> {
  return ds.transaction((m) => storeInTransaction(m, doc));
}

export async function storeInTransaction(m: EntityManager, doc: ExtractedDocument): Promise<StoreResult> {
  const a = doc.article;
  const hash = contentHash(a.title, a.body);
  const url = a.url?.trim() || null;
  if (a.outletName || a.outletDomain) await lockNames(m, [`outlet ${(a.outletDomain || a.outletName || "").toLowerCase()}`]);
  const outletId = await upsertOutlet(m, a.outletName, a.outletDomain);
  const repo = m.getRepository(Article);
  const existing = await findExisting(m, url, hash);
  const article = existing ?? repo.create();
  Object.assign(article, {
    title: a.title,
    body: a.body,
    url: url ?? existing?.url ?? null,
    summary: a.summary ?? null,
    publishedAt: a.publishedAt ? new Date(a.publishedAt) : null,
    dateline: a.dateline,
    language: a.language || "en",
    topics: [...new Set((a.topics ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
    outletId: outletId ?? existing?.outletId ?? null,
    contentHash: hash,
    commentsOnPage: a.commentsOnPage ?? null,
    slug: await articleSlug(m, a.title, hash, existing?.slug),
  });
  await repo.save(article);

  // Speakers, by canonical name as the document names them. Concurrent ingests must not both create
  // "Vladimir Putin" (or "Putin" beside him): lock every name family this document touches first.
  await lockNames(m, [...doc.speakers.flatMap((s) => [s.name, ...s.aliases]), ...doc.quotes.map((q) => q.speaker ?? "")]);
  const speakerIds = new Map<string, string>();
  for (const s of doc.speakers) {
    if (!s.name?.trim()) continue;
    const stored = await resolveSpeaker(m, s);
    speakerIds.set(s.name, stored.id);
  }

  // Quotes: keep the ids of quotes already stored for this article (same words, same place).
  const quoteRepo = m.getRepository(Quote);
  const old = existing ? await quoteRepo.find({ where: { articleId: article.id } }) : [];
  const oldByKey = new Map(old.map((q) => [`${q.textHash}@${q.startOffset}`, q]));
  const keep = new Set<string>();
  const quotes: Quote[] = [];
  for (const [position, q] of doc.quotes.entries()) {
    const textHash = normalizedHash(q.text);
    const prior = oldByKey.get(`${textHash}@${q.start}`);
    const quote = prior ?? quoteRepo.create({ articleId: article.id });
    if (prior) keep.add(prior.id);
    const name = q.speaker?.trim() || null;
    // A structured input may name a speaker it did not list: it is a person of that name.
    if (name && !speakerIds.has(name)) {
      speakerIds.set(name, (await resolveSpeaker(m, { name, role: null, kind: "PERSON", aliases: [] })).id);
    }
    const speakerId = name ? speakerIds.get(name)! : null;
    quotes.push(Object.assign(quote, {
      text: q.text,
      kind: (Object.values(QuoteKind) as string[]).includes(q.kind) ? q.kind : QuoteKind.DIRECT,
      startOffset: Number.isInteger(q.start) ? q.start : null,
      endOffset: Number.isInteger(q.end) ? q.end : null,
      cue: q.cue ?? null,
      position,
      textHash,
      speakerId,
    }));
  }
  const gone = old.filter((q) => !keep.has(q.id)).map((q) => q.id);
  if (gone.length) await quoteRepo.delete(gone);
  if (quotes.length) await quoteRepo.save(quotes, { chunk: 200 });

  // Reported reactions are the coverage's own: replaced wholesale. Reader reactions are untouched.
  const reactionRepo = m.getRepository(Reaction);
  await reactionRepo.delete({ articleId: article.id, origin: ReactionOrigin.REPORTED });
  if (doc.reactions.length) {
    await reactionRepo.save(
      doc.reactions.map((r, position) =>
        reactionRepo.create({
          articleId: article.id,
          origin: ReactionOrigin.REPORTED,
          text: r.text,
          sentiment: (Object.values(Sentiment) as string[]).includes(r.sentiment) ? (r.sentiment as Sentiment) : Sentiment.NEUTRAL,
          platform: r.platform,
          authorName: null,
          userId: null,
          position,
        }),
      ),
      { chunk: 200 },
    );
  }
  return { article, created: !existing, quotes: quotes.length, speakers: speakerIds.size, reactions: doc.reactions.length };
}
