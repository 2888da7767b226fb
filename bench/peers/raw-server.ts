// The raw limit: a bare node:http server answering each benchmark scenario with ONE hand-written SQL
// statement (json_build_object/json_agg) through `pg`, returning the same data as newsgraph's
// operations. No GraphQL, no ORM: what is left is Postgres, the driver and HTTP. Statements are named
// (prepared once per connection) with page sizes in their text, and where PostgreSQL writes the whole
// answer its JSON text is sent as it is, as newsgraph's response mode does.
//   PORT=4102 DATABASE_URL=postgres://… POOL_SIZE=10 node dist/bench/peers/raw-server.js
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { Pool } from "pg";

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
/** Articles readers may see; the readers issue adds `articles.status` (drafts), checked at start-up. */
let articleVisible = "true";

const COMMENT_NODE = `json_build_object('id', c.id, 'authorName', c.author_name, 'body', c.body, 'createdAt', c.created_at)`;

/** (a) article page: article, outlet, speakers with quote counts, quotes with speakers, reaction summary
 * and first reactions, comment count, first top-level comments (newest first) each with replies.
 * Threads show published comments and deleted ones as placeholders; counts count published ones. */
const articlePageSql = (comments: number) => `
SELECT json_build_object(
  'id', a.id, 'title', a.title, 'publishedAt', a.published_at, 'dateline', a.dateline, 'body', a.body,
  'outlet', (SELECT json_build_object('id', o.id, 'name', o.name, 'domain', o.domain) FROM outlets o WHERE o.id = a.outlet_id),
  'speakers', (
    SELECT json_build_object('totalCount', count(*), 'edges', coalesce(json_agg(json_build_object('quoteCount', x.n,
      'node', json_build_object('id', s.id, 'name', s.name, 'role', s.role, 'kind', s.kind, 'aliases', s.aliases))
      ORDER BY x.first, s.id) FILTER (WHERE x.rn <= 20), '[]'))
    FROM (SELECT q.speaker_id, count(*)::int AS n, min(q.position) AS first,
                 row_number() OVER (ORDER BY min(q.position), q.speaker_id) AS rn
          FROM quotes q WHERE q.article_id = a.id AND q.speaker_id IS NOT NULL GROUP BY q.speaker_id) x
    JOIN speakers s ON s.id = x.speaker_id),
  'quotes', json_build_object(
    'totalCount', (SELECT count(*) FROM quotes q WHERE q.article_id = a.id),
    'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', q.id, 'text', q.text, 'kind', q.kind,
        'startOffset', q.start_offset, 'endOffset', q.end_offset, 'cue', q.cue,
        'speaker', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'name', s.name) END)) ORDER BY q.position, q.id), '[]')
      FROM (SELECT * FROM quotes q WHERE q.article_id = a.id ORDER BY q.position, q.id LIMIT 50) q LEFT JOIN speakers s ON s.id = q.speaker_id)),
  'reactionSummary', (SELECT json_build_object('total', count(*), 'reported', count(*) FILTER (WHERE r.origin = 'REPORTED'),
      'reader', count(*) FILTER (WHERE r.origin = 'READER'),
      'POSITIVE', count(*) FILTER (WHERE r.sentiment = 'POSITIVE'), 'NEGATIVE', count(*) FILTER (WHERE r.sentiment = 'NEGATIVE'),
      'NEUTRAL', count(*) FILTER (WHERE r.sentiment = 'NEUTRAL'), 'MIXED', count(*) FILTER (WHERE r.sentiment = 'MIXED'))
    FROM reactions r WHERE r.article_id = a.id),
  'reactions', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', r.id, 'text', r.text,
      'sentiment', r.sentiment, 'platform', r.platform, 'origin', r.origin)) ORDER BY r.position, r.created_at, r.id), '[]')
    FROM (SELECT * FROM reactions r WHERE r.article_id = a.id ORDER BY r.position, r.created_at, r.id LIMIT 20) r)),
  'commentCount', (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'PUBLISHED'),
  'comments', (
    SELECT json_build_object(
      'totalCount', (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.parent_id IS NULL AND c.status IN ('PUBLISHED', 'DELETED')),
      'pageInfo', json_build_object('hasNextPage', count(*) > ${comments}, 'endCursor', encode(convert_to(((array_agg(c.id ORDER BY c.created_at DESC, c.id DESC))[least(count(*), ${comments})])::text, 'UTF8'), 'base64')),
      'edges', coalesce(json_agg(json_build_object('node', json_build_object('id', c.id, 'authorName', c.author_name, 'body', c.body,
          'createdAt', c.created_at, 'replyCount', rc.n, 'replies', json_build_object('edges', rp.edges)))
        ORDER BY c.created_at DESC, c.id DESC) FILTER (WHERE c.rn <= ${comments}), '[]'))
    FROM (SELECT c.*, row_number() OVER (ORDER BY c.created_at DESC, c.id DESC) AS rn FROM comments c
          WHERE c.article_id = a.id AND c.parent_id IS NULL AND c.status IN ('PUBLISHED', 'DELETED')
          ORDER BY c.created_at DESC, c.id DESC LIMIT ${comments + 1}) c
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM comments r WHERE r.parent_id = c.id AND r.status = 'PUBLISHED') rc
    CROSS JOIN LATERAL (SELECT coalesce(json_agg(json_build_object('node', ${COMMENT_NODE}) ORDER BY c.created_at, c.id), '[]') AS edges
      FROM (SELECT * FROM comments r WHERE r.parent_id = c.id AND r.status IN ('PUBLISHED', 'DELETED') ORDER BY r.created_at, r.id LIMIT 5) c) rp)
) AS article
FROM articles a WHERE a.slug = $1 AND ${articleVisible}`;

/** (b) front page: the latest articles, each with outlet name and first three quotes with speakers. The
 * outlet is a join (a subquery per article made PostgreSQL scan the small outlets table once per row). */
const frontPageSql = (first: number) => `
SELECT json_build_object(
  'pageInfo', json_build_object('hasNextPage', count(*) > ${first}, 'endCursor', encode(convert_to(((array_agg(a.id ORDER BY a.sort_at DESC, a.id DESC))[least(count(*), ${first})])::text, 'UTF8'), 'base64')),
  'edges', coalesce(json_agg(json_build_object('node', json_build_object('id', a.id, 'slug', a.slug, 'title', a.title, 'publishedAt', a.published_at,
    'outlet', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('name', o.name) END,
    'quotes', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', q.id, 'text', q.text, 'kind', q.kind,
        'speaker', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'name', s.name) END)) ORDER BY q.position, q.id), '[]')
      FROM (SELECT * FROM quotes q WHERE q.article_id = a.id ORDER BY q.position, q.id LIMIT 3) q LEFT JOIN speakers s ON s.id = q.speaker_id))))
    ORDER BY a.sort_at DESC, a.id DESC) FILTER (WHERE a.rn <= ${first}), '[]'))::text AS articles
FROM (SELECT a.*, row_number() OVER (ORDER BY a.sort_at DESC, a.id DESC) AS rn FROM articles a WHERE ${articleVisible}
      ORDER BY a.sort_at DESC, a.id DESC LIMIT ${first + 1}) a
LEFT JOIN outlets o ON o.id = a.outlet_id`;

/** (c) analyst: a speaker's quotes (by name or alias) matching search words, newest first, with article title and date. */
const speakerQuotesSql = (first: number) => `
WITH matching AS (
  SELECT q.id, q.text, q.kind, q.cue, q.position, q.speaker_id, a.id AS article_id, a.title, a.published_at, a.url, a.sort_at
  FROM quotes q JOIN articles a ON a.id = q.article_id
  -- The speakers' ids first, through the same GIN index over names and aliases newsgraph uses.
  WHERE q.speaker_id = ANY(ARRAY(SELECT s.id FROM speakers s WHERE speaker_name_keys(s.name, s.aliases) @> ARRAY[lower(trim($1))]::text[]))
    AND q.search_vector @@ websearch_to_tsquery('english', $2) AND ${articleVisible}
), page AS (
  SELECT * FROM matching m ORDER BY m.sort_at DESC, m.article_id DESC, m.position, m.id DESC LIMIT ${first + 1}
)
SELECT json_build_object(
  'totalCount', (SELECT count(*) FROM matching),
  'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM page) > ${first}),
  'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', p.id, 'text', p.text, 'kind', p.kind, 'cue', p.cue,
      'speaker', json_build_object('name', s.name, 'role', s.role),
      'article', json_build_object('title', p.title, 'publishedAt', p.published_at, 'url', p.url)))
    ORDER BY p.sort_at DESC, p.article_id DESC, p.position, p.id DESC), '[]')
    FROM (SELECT * FROM page ORDER BY sort_at DESC, article_id DESC, position, id DESC LIMIT ${first}) p JOIN speakers s ON s.id = p.speaker_id)
)::text AS quotes`;

/** (d) writes: a reader's comment on a visible article, one INSERT … RETURNING (null when the article is not visible). */
const addCommentSql = () => `
INSERT INTO comments AS c (article_id, author_id, author_name, body)
SELECT a.id, $2, $3, $4 FROM articles a WHERE a.id = $1 AND ${articleVisible}
RETURNING json_build_object('id', c.id, 'body', c.body, 'authorName', c.author_name, 'createdAt', c.created_at, 'status', c.status) AS comment`;

const SENTIMENTS = ["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"] as const;

/** The same "overall" rule as newsgraph's reaction summary. */
function summary(raw: Record<string, number>) {
  const [pos, neg, neutral, mixed] = SENTIMENTS.map((s) => Number(raw[s]));
  const total = Number(raw.total);
  let overall: string | null = null;
  if (total > 0) {
    if (mixed > 0 || (pos > 0 && neg > 0)) overall = pos >= 0.8 * total ? "POSITIVE" : neg >= 0.8 * total ? "NEGATIVE" : "MIXED";
    else overall = pos > 0 ? "POSITIVE" : neg > 0 ? "NEGATIVE" : neutral > 0 ? "NEUTRAL" : null;
  }
  return { total, reported: Number(raw.reported), reader: Number(raw.reader), overall, bySentiment: SENTIMENTS.map((s) => ({ sentiment: s, count: Number(raw[s]) })) };
}

/** The page size a request asks for, as a whole number for the statement's text. */
function size(v: unknown, fallback: number): number {
  const n = v === undefined || v === null ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new Error(`page size ${String(v)} is not a whole number from 0 to 100`);
  return n;
}

/**
 * One statement, named: each pooled connection parses and plans a text once. Page sizes are written into
 * the text (LIMIT 21, not LIMIT $n), so that PostgreSQL keeps a generic plan instead of planning again on
 * every execution (what newsgraph's planner does too: src/pagination/keyset-query.ts).
 */
const names = new Map<string, string>();
async function one(text: string, values: unknown[]): Promise<Record<string, unknown> | undefined> {
  // A few texts (four scenarios, page sizes 0-100): each hashed once, not on every request.
  let name = names.get(text);
  if (name === undefined) names.set(text, (name = `raw_${createHash("sha1").update(text).digest("hex")}`));
  const { rows } = await pool.query({ name, text, values });
  return rows[0];
}

/** A handler's answer: the `data` object, or its JSON text when PostgreSQL wrote it (sent as it is). */
type Handler = (vars: Record<string, unknown>) => Promise<unknown>;

/** JSON text from PostgreSQL under one key of `data`, without parsing it in JavaScript. */
class Text {
  constructor(
    readonly key: string,
    readonly json: string | null,
  ) {}
}

const handlers: Record<string, Handler> = {
  async "/article-page"(v) {
    const row = await one(articlePageSql(size(v.comments, 20)), [v.slug]);
    const article = (row?.article ?? null) as Record<string, unknown> | null;
    if (article) article.reactionSummary = summary(article.reactionSummary as Record<string, number>);
    return { article };
  },
  async "/front-page"(v) {
    const row = await one(frontPageSql(size(v.first, 20)), []);
    return new Text("articles", row?.articles as string);
  },
  async "/add-comment"(v) {
    const row = await one(addCommentSql(), [v.articleId, "bench-reader", "bench reader", v.body]);
    return { addComment: row?.comment ?? null };
  },
  async "/speaker-quotes"(v) {
    const row = await one(speakerQuotesSql(size(v.first, 50)), [v.speakerName, v.search]);
    return new Text("quotes", row?.quotes as string);
  },
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function main(): Promise<void> {
  const { rows } = await pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'status'`);
  if (rows.length) articleVisible = `a.status = 'PUBLISHED'`;
  const server = createServer(async (req, res) => {
    const handler = handlers[req.url ?? ""];
    if (!handler || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = JSON.parse(await readBody(req)) as { variables?: Record<string, unknown> };
      const data = await handler(body.variables ?? {});
      const text = data instanceof Text ? `{"data":{${JSON.stringify(data.key)}:${data.json ?? "null"}}}` : JSON.stringify({ data });
      res.writeHead(200, { "content-type": "application/json" }).end(text);
    } catch (err) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: (err as Error).message }] }));
    }
  });
  server.listen(Number(process.env.PORT ?? 4102), "127.0.0.1", () => console.log(`raw server ready on ${process.env.PORT ?? 4102}`));
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
