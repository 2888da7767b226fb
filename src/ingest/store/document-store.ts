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
import { randomUUID } from "node:crypto";
import { hydrate, selectColumns } from "../../pagination/entity-rows";
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
  // Another ingest may be creating the same outlet: serialise creation, then look again.
  await lockNames(m, [`outlet ${(cleanDomain ?? cleanName).toLowerCase()}`]);
  const raced = cleanDomain ? await repo.findOne({ where: { domain: cleanDomain } }) : await repo.findOne({ where: { slug: slugify(cleanName) } });
  if (raced) return raced.id;
  const outlet = repo.create({
    name: cleanName,
    domain: cleanDomain,
    url: cleanDomain ? `https://${cleanDomain}` : null,
    slug: (await repo.exists({ where: { slug: slugify(cleanName) } })) ? uniqueSlug(cleanName, cleanDomain ?? cleanName) : slugify(cleanName),
  });
  return (await repo.save(outlet)).id;
}

function namesOf(s: { name: string; aliases: string[] }): string[] {
  return lower([s.name, ...s.aliases]);
}

/**
 * Resolves the document's speakers against the stored ones in one indexed query: an extracted speaker
 * is a stored one when any of their names or aliases match, case-insensitively ("Putin" = "Vladimir
 * Putin" once either form was seen with the other). Unmatched speakers are created; a match gains the
 * new aliases, a missing role, and a fuller canonical name. Returns stored ids by extracted name.
 */
export async function resolveSpeakers(m: EntityManager, extracted: ExtractedSpeaker[]): Promise<Map<string, string>> {
  const repo = m.getRepository(Speaker);
  const wanted = extracted.filter((s) => s.name.trim());
  const all = [...new Set(wanted.flatMap(namesOf))];
  const out = new Map<string, string>();
  if (!all.length) return out;
  const lookup = async (): Promise<Speaker[]> => {
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT ${selectColumns(m.connection, Speaker, "s")} FROM speakers s
       WHERE speaker_name_keys(s.name, s.aliases) && $1::text[] ORDER BY s.created_at, s.id`,
      [all],
    );
    return rows.map((r) => hydrate(m.connection, Speaker, r));
  };
  let known = await lookup();
  // Writes (new speakers, new aliases) are serialised per name family with advisory locks, taken only
  // when needed, so that concurrent ingests of known speakers never wait on each other; after taking
  // them, look again: another ingest may have just created the speaker.
  const writers = wanted.filter((s) => planSpeaker(s, known).write);
  if (writers.length) {
    await lockNames(m, writers.flatMap((s) => [s.name, ...s.aliases]));
    known = await lookup();
  }
  const dirty = new Set<Speaker>();
  for (const s of wanted) {
    const name = s.name.trim();
    const plan = planSpeaker(s, known);
    if (!plan.match) {
      const kind = (Object.values(SpeakerKind) as string[]).includes(s.kind) ? (s.kind as SpeakerKind) : SpeakerKind.PERSON;
      const base = slugify(name);
      const taken = await repo.exists({ where: { slug: base } });
      const created = await repo.save(
        repo.create({
          name,
          role: s.role,
          kind,
          slug: taken ? uniqueSlug(name, `${name}|${s.role ?? ""}|${randomUUID()}`) : base,
          aliases: [...new Set(s.aliases.map((a) => a.trim()).filter((a) => a && a !== name))],
          wikidataId: null,
        }),
      );
      known.push(created);
      out.set(s.name, created.id);
      continue;
    }
    out.set(s.name, plan.match.id);
    if (plan.write) {
      Object.assign(plan.match, plan.write);
      dirty.add(plan.match);
    }
  }
  for (const sp of dirty) await repo.update(sp.id, { name: sp.name, aliases: sp.aliases, role: sp.role });
  return out;
}

/** Which stored speaker `s` is, and what about it would change (null match: a new speaker). */
function planSpeaker(s: ExtractedSpeaker, known: Speaker[]): { match: Speaker | null; write: Pick<Speaker, "name" | "aliases" | "role"> | null } {
  const name = s.name.trim();
  const mine = new Set(namesOf(s));
  const match = known.find((k) => k.name.toLowerCase() === name.toLowerCase()) ?? known.find((k) => namesOf(k).some((n) => mine.has(n)));
  if (!match) return { match: null, write: { name, aliases: s.aliases, role: s.role } };
  // A fuller form of the name ("Vladimir Putin" after "Putin") becomes the canonical one.
  const fuller = name.length > match.name.length && name.toLowerCase().includes(match.name.toLowerCase());
  const canonical = fuller ? name : match.name;
  const aliases = [...new Set([...match.aliases, match.name, name, ...s.aliases.map((a) => a.trim())].filter((a) => a && a !== canonical))];
  const changed = fuller || aliases.length !== match.aliases.length || (!match.role && Boolean(s.role));
  return { match, write: changed ? { name: canonical, aliases, role: match.role ?? s.role } : null };
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

  // Speakers, by canonical name as the document names them.
  // A structured input may name a speaker in a quote that it did not list: a person of that name.
  const listed = new Set(doc.speakers.map((s) => s.name));
  const unlisted = [...new Set(doc.quotes.map((q) => q.speaker?.trim()).filter((n): n is string => Boolean(n) && !listed.has(n!)))];
  const speakerIds = await resolveSpeakers(m, [
    ...doc.speakers.filter((s) => s.name?.trim()),
    ...unlisted.map((name) => ({ name, role: null, kind: "PERSON" as const, aliases: [] })),
  ]);

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
    const speakerId = name ? (speakerIds.get(name) ?? speakerIds.get(q.speaker!) ?? null) : null;
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
