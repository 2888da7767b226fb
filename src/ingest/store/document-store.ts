// Stores one extracted document (article, outlet, speakers, quotes, reactions) in one transaction.
// Running it again for the same article (same URL or same content) updates it in place: ids of the
// article and of unchanged quotes stay stable, nothing is duplicated.
import type { DataSource, EntityManager } from "typeorm";
import { Article } from "../../../entities/article.entity";
import { QuoteKind } from "../../../entities/quote-kind.enum";
import { ReactionOrigin } from "../../../entities/reaction-origin.enum";
import { Sentiment } from "../../../entities/sentiment.enum";
import type { Speaker } from "../../../entities/speaker.entity";
import { SpeakerKind } from "../../../entities/speaker-kind.enum";
import { randomUUID } from "node:crypto";
import { hydrate, selectColumns } from "../../pagination/entity-rows";
import { normalizedHash, slugify, uniqueSlug } from "../../text/slug";
import type { ExtractedDocument, ExtractedSpeaker } from "../types";
import { webhookOutboxCte } from "../../webhooks/outbox-sql";

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

interface OutletName {
  name: string;
  domain: string | null;
}

/** The outlet a document names (by name, domain or both), cleaned; null when it names none. */
function outletName(name: string | null | undefined, domain: string | null | undefined): OutletName | null {
  const cleanDomain =
    domain
      ?.trim()
      .toLowerCase()
      .replace(/^www\./, "") || null;
  const cleanName = name?.trim() || cleanDomain;
  return cleanName ? { name: cleanName, domain: cleanDomain } : null;
}

/** The stored outlet of this name or domain, created if missing. */
async function upsertOutlet(m: EntityManager, outlet: OutletName): Promise<string> {
  const { name, domain } = outlet;
  const find = async (): Promise<string | null> => {
    const rows: Array<{ id: string }> = domain
      ? await m.query(`SELECT id FROM outlets WHERE domain = $1`, [domain])
      : await m.query(`SELECT id FROM outlets WHERE slug = $1`, [slugify(name)]);
    return rows[0]?.id ?? null;
  };
  const existing = await find();
  if (existing) return existing;
  // Another ingest may be creating the same outlet: serialise creation, then look again.
  await lockNames(m, [`outlet ${(domain ?? name).toLowerCase()}`]);
  const raced = await find();
  if (raced) return raced;
  const insert = (slug: string): Promise<Array<{ id: string }>> =>
    m.query(`INSERT INTO outlets (name, domain, url, slug) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING RETURNING id`, [name, domain, domain ? `https://${domain}` : null, slug]);
  const [row] = await insert(slugify(name));
  return (row ?? (await insert(uniqueSlug(name, domain ?? name)))[0])!.id;
}

function namesOf(s: { name: string; aliases: string[] }): string[] {
  return lower([s.name, ...s.aliases]);
}

/** What speaker resolution needs of a stored speaker. */
export type KnownSpeaker = Pick<Speaker, "id" | "name" | "aliases" | "role">;

/** Every name and alias of the given speakers, lower-cased: the keys to look stored speakers up by. */
export function speakerKeys(extracted: ExtractedSpeaker[]): string[] {
  return [...new Set(extracted.filter((s) => s.name.trim()).flatMap(namesOf))];
}

/** SQL (a scalar subquery) for the stored speakers any of whose names is in the text[] parameter `param`, as JSON. */
function knownSpeakersSql(param: string): string {
  return `SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'aliases', s.aliases, 'role', s.role) ORDER BY s.created_at, s.id), '[]')
    FROM speakers s WHERE speaker_name_keys(s.name, s.aliases) && ${param}::text[]`;
}

async function lookupSpeakers(m: EntityManager, keys: string[]): Promise<KnownSpeaker[]> {
  if (!keys.length) return [];
  const [row]: Array<{ known: KnownSpeaker[] }> = await m.query(`SELECT (${knownSpeakersSql("$1")}) AS known`, [keys]);
  return row!.known;
}

/**
 * Resolves the document's speakers against the stored ones (`known`, looked up by `speakerKeys` in one
 * indexed query, here or by the caller): an extracted speaker is a stored one when any of their names or
 * aliases match, case-insensitively ("Putin" = "Vladimir Putin" once either form was seen with the
 * other). Unmatched speakers are created; a match gains new aliases, a missing role, and a fuller
 * canonical name. Rows are written only when something changed. Returns stored ids by extracted name.
 */
export async function resolveSpeakers(m: EntityManager, extracted: ExtractedSpeaker[], prefetched?: KnownSpeaker[]): Promise<Map<string, string>> {
  const wanted = extracted.filter((s) => s.name.trim());
  const keys = speakerKeys(wanted);
  const out = new Map<string, string>();
  if (!keys.length) return out;
  let known = prefetched ?? (await lookupSpeakers(m, keys));
  // Writes (new speakers, new aliases) are serialised per name family with advisory locks, taken only
  // when needed, so that concurrent ingests of known speakers never wait on each other; after taking
  // them, look again: another ingest may have just created the speaker.
  const writers = wanted.filter((s) => planSpeaker(s, known).write);
  if (!writers.length) {
    for (const s of wanted) out.set(s.name, planSpeaker(s, known).match!.id);
    return out;
  }
  await lockNames(
    m,
    writers.flatMap((s) => [s.name, ...s.aliases]),
  );
  known = await lookupSpeakers(m, keys);
  const created: NewSpeakerRow[] = [];
  const dirty = new Map<string, KnownSpeaker>();
  for (const s of wanted) {
    const name = s.name.trim();
    const plan = planSpeaker(s, known);
    if (!plan.match) {
      const kind = (Object.values(SpeakerKind) as string[]).includes(s.kind) ? (s.kind as SpeakerKind) : SpeakerKind.PERSON;
      const row: NewSpeakerRow = { id: randomUUID(), slug: slugify(name), name, role: s.role, kind, aliases: [...new Set(s.aliases.map((a) => a.trim()).filter((a) => a && a !== name))] };
      // Later names of this document may be this same speaker ("Putin" after "Vladimir Putin").
      known.push({ ...row });
      created.push(row);
      out.set(s.name, row.id);
      continue;
    }
    out.set(s.name, plan.match.id);
    if (!plan.write) continue;
    Object.assign(plan.match, plan.write);
    const fresh = created.find((c) => c.id === plan.match!.id);
    if (fresh) Object.assign(fresh, plan.write);
    else dirty.set(plan.match.id, plan.match);
  }
  await insertSpeakers(m, created);
  if (dirty.size) {
    await m.query(
      `UPDATE speakers s SET name = v.name, aliases = v.aliases, role = v.role
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, name text, aliases text[], role text) WHERE s.id = v.id`,
      [JSON.stringify([...dirty.values()].map((sp) => ({ id: sp.id, name: sp.name, aliases: sp.aliases, role: sp.role })))],
    );
  }
  return out;
}

interface NewSpeakerRow {
  id: string;
  slug: string;
  name: string;
  role: string | null;
  kind: SpeakerKind;
  aliases: string[];
}

/**
 * Inserts new speakers in one statement; a speaker whose slug is taken (by an older speaker or another
 * row of this batch) is inserted again with a slug made unique by a hash.
 */
async function insertSpeakers(m: EntityManager, rows: NewSpeakerRow[]): Promise<void> {
  if (!rows.length) return;
  const inserted: Array<{ id: string }> = await m.query(
    `INSERT INTO speakers (id, slug, name, role, kind, aliases)
     SELECT v.id, v.slug, v.name, v.role, v.kind, coalesce(v.aliases, '{}') FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, slug text, name text, role text, kind text, aliases text[])
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [JSON.stringify(rows)],
  );
  const done = new Set(inserted.map((r) => r.id));
  const rest = rows.filter((r) => !done.has(r.id)).map((r) => ({ ...r, slug: uniqueSlug(r.name, `${r.name}|${r.role ?? ""}|${randomUUID()}`) }));
  if (rest.length) await insertSpeakers(m, rest);
}

/** Which stored speaker `s` is, and what about it would change (null match: a new speaker). */
function planSpeaker(s: ExtractedSpeaker, known: KnownSpeaker[]): { match: KnownSpeaker | null; write: Omit<KnownSpeaker, "id"> | null } {
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

/** What a store needs to know of a document before it reads anything. */
interface StorePlan {
  doc: ExtractedDocument;
  hash: string;
  url: string | null;
  /** The slug the title gives, taken or not. */
  baseSlug: string;
  /** The document's speakers, plus people its quotes name without listing them (structured input may). */
  speakers: ExtractedSpeaker[];
  outlet: OutletName | null;
}

function planStore(doc: ExtractedDocument): StorePlan {
  const a = doc.article;
  const listed = new Set(doc.speakers.map((s) => s.name));
  const unlisted = [...new Set(doc.quotes.map((q) => q.speaker?.trim()).filter((n): n is string => Boolean(n) && !listed.has(n!)))];
  return {
    doc,
    hash: contentHash(a.title, a.body),
    url: a.url?.trim() || null,
    baseSlug: slugify(a.title),
    speakers: [...doc.speakers.filter((s) => s.name?.trim()), ...unlisted.map((name) => ({ name, role: null, kind: "PERSON" as const, aliases: [] }))],
    outlet: outletName(a.outletName, a.outletDomain),
  };
}

interface StoredArticleRef {
  id: string;
  slug: string;
  url: string | null;
  outletId: string | null;
}

interface Prepared {
  /** The stored article with this URL, else the one with this content hash. */
  existing: StoredArticleRef | null;
  /** The article that holds the slug the title would get, if any. */
  slugOwner: string | null;
  /** The stored outlet, if the document names one and it is stored. */
  outletId: string | null;
  known: KnownSpeaker[];
}

/** One statement for everything a store reads first: the article if stored, its slug's owner, the outlet, the known speakers. */
async function prepare(m: EntityManager, p: StorePlan): Promise<Prepared> {
  const [row]: Prepared[] = await m.query(
    `SELECT
       (SELECT json_build_object('id', a.id, 'slug', a.slug, 'url', a.url, 'outletId', a.outlet_id) FROM articles a
         WHERE ($1::text IS NOT NULL AND a.url = $1) OR a.content_hash = $2 ORDER BY (a.url IS NOT DISTINCT FROM $1) DESC LIMIT 1) AS existing,
       (SELECT a.id FROM articles a WHERE a.slug = $3) AS "slugOwner",
       (SELECT o.id FROM outlets o WHERE ($5::text IS NOT NULL AND o.domain = $5) OR ($5::text IS NULL AND o.slug = $6)) AS "outletId",
       (${knownSpeakersSql("$4")}) AS known`,
    [p.url, p.hash, p.baseSlug, speakerKeys(p.speakers), p.outlet?.domain ?? null, p.outlet ? slugify(p.outlet.name) : null],
  );
  return row!;
}

/**
 * Stores `doc` atomically. A new article whose outlet and speakers are all stored already (the common case
 * in a large ingest) takes two statements: one read (`prepare`) and one write of the article with its quotes
 * and reactions, which is a transaction of its own; no lock is needed, since a concurrent ingest of the same
 * article makes one of the two writes fail on a unique key, and the caller retries it as an update. Anything
 * else (an update in place, new speakers or aliases, a new outlet) runs `storeInTransaction`.
 */
export async function storeDocument(ds: DataSource, doc: ExtractedDocument): Promise<StoreResult> {
  const p = planStore(doc);
  const pre = await prepare(ds.manager, p);
  const simple = !pre.existing && (!p.outlet || pre.outletId) && !p.speakers.some((s) => planSpeaker(s, pre.known).write);
  if (simple) return finishStore(ds.manager, p, pre);
  return ds.transaction((m) => storeInTransaction(m, doc));
}

/**
 * Stores one document in the caller's transaction with few statements: one read (`prepare`) and one write
 * of the article with its quotes and reactions. New speakers or aliases add a lock, a second look and their
 * writes; a new outlet its lock and insert; an update in place locks the article row and reads its stored
 * quotes first, so that concurrent updates of one article cannot interleave.
 */
export async function storeInTransaction(m: EntityManager, doc: ExtractedDocument, into?: { articleId: string }): Promise<StoreResult> {
  const p = planStore(doc);
  const pre = await prepare(m, p);
  // Re-extraction of a stored article (`newsgraph reattribute`) names the article rather than finding it.
  if (into) pre.existing = ((await m.query(`SELECT id, slug, url, outlet_id AS "outletId" FROM articles WHERE id = $1`, [into.articleId])) as StoredArticleRef[])[0] ?? null;
  if (p.outlet && !pre.outletId) pre.outletId = await upsertOutlet(m, p.outlet);
  return finishStore(m, p, pre);
}

async function finishStore(m: EntityManager, p: StorePlan, pre: Prepared): Promise<StoreResult> {
  const { doc, hash, baseSlug } = p;
  const { existing, slugOwner } = pre;
  const a = doc.article;
  const speakerIds = await resolveSpeakers(m, p.speakers, pre.known);

  // Quotes: keep the ids of quotes already stored for this article (same words, same place).
  let old: Array<{ id: string; textHash: string; startOffset: number | null; byEditor: boolean }> = [];
  if (existing) {
    await m.query(`SELECT 1 FROM articles WHERE id = $1 FOR UPDATE`, [existing.id]);
    old = await m.query(`SELECT id, text_hash AS "textHash", start_offset AS "startOffset", speaker_set_by_editor AS "byEditor" FROM quotes WHERE article_id = $1`, [existing.id]);
  }
  const oldByKey = new Map(old.map((q) => [`${q.textHash}@${q.startOffset}`, q.id]));
  // A quote whose offsets moved (an editor fixed them, or the rules now cut it differently) is still the same
  // quote when its words are: matched by words alone after the exact matches.
  const oldByText = new Map<string, string[]>();
  for (const q of old) oldByText.set(q.textHash, [...(oldByText.get(q.textHash) ?? []), q.id]);
  const kept = new Set<string>();
  // Old quotes some new quote matches exactly are not offered to the matching by words alone.
  const claimed = new Set(doc.quotes.map((q) => oldByKey.get(`${normalizedHash(q.text)}@${Number.isInteger(q.start) ? q.start : null}`)).filter(Boolean));
  const quotes: QuoteRow[] = doc.quotes.map((q, position) => {
    const textHash = normalizedHash(q.text);
    const startOffset = Number.isInteger(q.start) ? q.start : null;
    const name = q.speaker?.trim() || null;
    // Two extracted quotes with the same words at the same place keep one stored id; the other is new.
    let id = oldByKey.get(`${textHash}@${startOffset}`) ?? null;
    if (id && kept.has(id)) id = null;
    if (!id) id = (oldByText.get(textHash) ?? []).find((other) => !kept.has(other) && !claimed.has(other)) ?? null;
    if (id) kept.add(id);
    const evidence = q.attribution ?? null;
    return {
      id,
      text: q.text,
      kind: (Object.values(QuoteKind) as string[]).includes(q.kind) ? q.kind : QuoteKind.DIRECT,
      start_offset: startOffset,
      end_offset: Number.isInteger(q.end) ? q.end : null,
      cue: q.cue ?? null,
      position,
      text_hash: textHash,
      speaker_id: name ? (speakerIds.get(name) ?? speakerIds.get(q.speaker!) ?? null) : null,
      attribution_method: evidence?.method ?? null,
      attribution_followed: evidence?.followed ?? null,
      attribution_mention: evidence?.mention?.text ?? null,
      attribution_mention_start: evidence?.mention?.start ?? null,
      attribution_mention_end: evidence?.mention?.end ?? null,
      attribution_confidence: evidence ? Math.min(1, Math.max(0, evidence.confidence)) : null,
    };
  });
  // Reported reactions are the coverage's own: replaced wholesale. Reader reactions are untouched.
  const reactions = doc.reactions.map((r, position) => ({
    text: r.text,
    sentiment: (Object.values(Sentiment) as string[]).includes(r.sentiment) ? r.sentiment : Sentiment.NEUTRAL,
    platform: r.platform,
    position,
  }));

  const keepsSlug = existing && (existing.slug === baseSlug || existing.slug === uniqueSlug(a.title, hash));
  const slug = keepsSlug ? existing.slug : slugOwner && slugOwner !== existing?.id ? uniqueSlug(a.title, hash) : baseSlug;
  const values: Record<string, unknown> = {
    slug,
    url: p.url ?? existing?.url ?? null,
    title: a.title,
    body: a.body,
    summary: a.summary ?? null,
    published_at: a.publishedAt ? new Date(a.publishedAt) : null,
    dateline: a.dateline,
    language: a.language || "en",
    topics: [...new Set((a.topics ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
    outlet_id: pre.outletId ?? existing?.outletId ?? null,
    content_hash: hash,
    comments_on_page: a.commentsOnPage ?? null,
  };
  // Quotes an editor attributed stay even when the extraction no longer finds them.
  const gone = old.filter((q) => !kept.has(q.id) && !q.byEditor).map((q) => q.id);
  const row = await writeArticle(m, existing?.id ?? null, values, quotes, gone, reactions);
  return { article: hydrate(m.connection, Article, row), created: !existing, quotes: quotes.length, speakers: speakerIds.size, reactions: doc.reactions.length };
}

interface QuoteRow {
  id: string | null;
  text: string;
  kind: string;
  start_offset: number | null;
  end_offset: number | null;
  cue: string | null;
  position: number;
  text_hash: string;
  speaker_id: string | null;
  attribution_method: string | null;
  attribution_followed: string | null;
  attribution_mention: string | null;
  attribution_mention_start: number | null;
  attribution_mention_end: number | null;
  attribution_confidence: number | null;
}

/**
 * One statement writes the article (inserted, or updated only if something changed: otherwise updated_at
 * stays), drops quotes that are gone, updates kept quotes that changed, inserts new ones, and replaces the
 * reported reactions; returns the article row. A clash on slug, URL or content hash (a concurrent ingest
 * of the same article) fails the statement as a unique violation, which the caller retries.
 */
async function writeArticle(
  m: EntityManager,
  existingId: string | null,
  values: Record<string, unknown>,
  quotes: QuoteRow[],
  gone: string[],
  reactions: Array<{ text: string; sentiment: string; platform: string | null; position: number }>,
): Promise<Record<string, unknown>> {
  const params: unknown[] = [existingId ?? randomUUID()];
  const param = (v: unknown): string => `$${params.push(v)}`;
  const cols = Object.keys(values);
  const refs = cols.map((c) => param(values[c]));
  const returning = selectColumns(m.connection, Article, "a");
  const parts: string[] = [];
  if (existingId) {
    parts.push(`changed AS (UPDATE articles AS a SET ${cols.map((c, i) => `${c} = ${refs[i]}`).join(", ")}, updated_at = now()
      WHERE a.id = $1::uuid AND (${cols.map((c) => `a.${c}`).join(", ")}) IS DISTINCT FROM (${refs.join(", ")}) RETURNING ${returning})`);
  } else {
    parts.push(`changed AS (INSERT INTO articles AS a (id, ${cols.join(", ")}) VALUES ($1::uuid, ${refs.join(", ")}) RETURNING ${returning})`);
  }
  const fresh = quotes.filter((q) => !q.id);
  const kept = quotes.filter((q) => q.id);
  const quoteRecord = `(id uuid, text text, kind text, start_offset int, end_offset int, cue text, position int, text_hash text, speaker_id uuid,
    attribution_method text, attribution_followed text, attribution_mention text, attribution_mention_start int, attribution_mention_end int, attribution_confidence float8)`;
  if (gone.length) parts.push(`gone AS (DELETE FROM quotes WHERE article_id = $1::uuid AND id = ANY(${param(gone)}::uuid[]))`);
  if (kept.length) {
    // A quote an editor corrected keeps the editor's speaker, words, offsets and cue; the extraction only moves it.
    parts.push(`kept AS (UPDATE quotes q SET position = v.position,
        text = CASE WHEN q.speaker_set_by_editor THEN q.text ELSE v.text END,
        kind = CASE WHEN q.speaker_set_by_editor THEN q.kind ELSE v.kind END,
        start_offset = CASE WHEN q.speaker_set_by_editor THEN q.start_offset ELSE v.start_offset END,
        end_offset = CASE WHEN q.speaker_set_by_editor THEN q.end_offset ELSE v.end_offset END,
        cue = CASE WHEN q.speaker_set_by_editor THEN q.cue ELSE v.cue END,
        text_hash = CASE WHEN q.speaker_set_by_editor THEN q.text_hash ELSE v.text_hash END,
        speaker_id = CASE WHEN q.speaker_set_by_editor THEN q.speaker_id ELSE v.speaker_id END,
        attribution_method = v.attribution_method, attribution_followed = v.attribution_followed, attribution_mention = v.attribution_mention,
        attribution_mention_start = v.attribution_mention_start, attribution_mention_end = v.attribution_mention_end, attribution_confidence = v.attribution_confidence
      FROM jsonb_to_recordset(${param(JSON.stringify(kept))}::jsonb) AS v${quoteRecord}
      WHERE q.id = v.id AND q.article_id = $1
        AND (q.text, q.kind, q.start_offset, q.end_offset, q.cue, q.position, q.text_hash, q.speaker_id,
             q.attribution_method, q.attribution_followed, q.attribution_mention, q.attribution_mention_start, q.attribution_mention_end, q.attribution_confidence)
            IS DISTINCT FROM (v.text, v.kind, v.start_offset, v.end_offset, v.cue, v.position, v.text_hash, v.speaker_id,
             v.attribution_method, v.attribution_followed, v.attribution_mention, v.attribution_mention_start, v.attribution_mention_end, v.attribution_confidence))`);
  }
  if (fresh.length) {
    parts.push(`fresh AS (INSERT INTO quotes (article_id, text, kind, start_offset, end_offset, cue, position, text_hash, speaker_id,
        attribution_method, attribution_followed, attribution_mention, attribution_mention_start, attribution_mention_end, attribution_confidence)
      SELECT $1::uuid, v.text, v.kind, v.start_offset, v.end_offset, v.cue, v.position, v.text_hash, v.speaker_id,
        v.attribution_method, v.attribution_followed, v.attribution_mention, v.attribution_mention_start, v.attribution_mention_end, v.attribution_confidence
      FROM jsonb_to_recordset(${param(JSON.stringify(fresh))}::jsonb) AS v${quoteRecord} ORDER BY v.position
      RETURNING id, speaker_id, kind, text)`);
    // Webhook deliveries for the new quotes, committed with them (the outbox: src/webhooks/outbox-sql.ts).
    parts.push(webhookOutboxCte("fresh", "$1", refs[cols.indexOf("outlet_id")] ?? "NULL"));
  }
  if (existingId) parts.push(`old_reactions AS (DELETE FROM reactions WHERE article_id = $1::uuid AND origin = '${ReactionOrigin.REPORTED}')`);
  if (reactions.length) {
    parts.push(`new_reactions AS (INSERT INTO reactions (article_id, origin, text, sentiment, platform, position)
      SELECT $1::uuid, '${ReactionOrigin.REPORTED}', v.text, v.sentiment, v.platform, v.position
      FROM jsonb_to_recordset(${param(JSON.stringify(reactions))}::jsonb) AS v(text text, sentiment text, platform text, position int) ORDER BY v.position)`);
  }
  // Data-modifying CTEs all run to completion whatever the final SELECT reads, and they touch disjoint rows.
  // Quotes may reference the article this same statement inserts: foreign keys are checked at its end.
  const rows: Array<Record<string, unknown>> = await m.query(
    `WITH ${parts.join(",\n")}
     SELECT * FROM changed
     UNION ALL SELECT ${returning} FROM articles a WHERE a.id = $1::uuid AND NOT EXISTS (SELECT 1 FROM changed)`,
    params,
  );
  return rows[0]!;
}
