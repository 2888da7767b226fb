-- What PostGraphile needs, beyond the tables, to answer the benchmark's operations: its amber preset
-- has no aggregates and no full-text search, so (as PostGraphile users do) the grouped speaker list,
-- the reaction summary and the analysts' search are SQL functions it exposes as fields.
-- Installed by bench/run.ts into the benchmark database only; newsgraph never reads them.

-- Article.speakerList: the distinct quoted speakers in order of first appearance, with quote counts.
CREATE OR REPLACE FUNCTION public.articles_speaker_list(a public.articles)
RETURNS TABLE (id uuid, name text, role text, kind text, aliases text[], quote_count int)
LANGUAGE sql STABLE AS $$
  SELECT s.id, s.name, s.role, s.kind, s.aliases, x.n
  FROM (SELECT q.speaker_id, count(*)::int AS n, min(q.position) AS first
        FROM public.quotes q WHERE q.article_id = a.id AND q.speaker_id IS NOT NULL GROUP BY q.speaker_id) x
  JOIN public.speakers s ON s.id = x.speaker_id
  ORDER BY x.first, s.id
$$;

-- Article.reactionSummary: counts by origin and sentiment, and the overall tone (newsgraph's rule).
CREATE OR REPLACE FUNCTION public.articles_reaction_summary(a public.articles)
RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('total', t.total, 'reported', t.reported, 'reader', t.reader,
    'bySentiment', jsonb_build_array(
      jsonb_build_object('sentiment', 'POSITIVE', 'count', t.pos), jsonb_build_object('sentiment', 'NEGATIVE', 'count', t.neg),
      jsonb_build_object('sentiment', 'NEUTRAL', 'count', t.neu), jsonb_build_object('sentiment', 'MIXED', 'count', t.mix)),
    'overall', CASE
      WHEN t.total = 0 THEN NULL
      WHEN t.mix > 0 OR (t.pos > 0 AND t.neg > 0) THEN
        CASE WHEN t.pos >= 0.8 * t.total THEN 'POSITIVE' WHEN t.neg >= 0.8 * t.total THEN 'NEGATIVE' ELSE 'MIXED' END
      WHEN t.pos > 0 THEN 'POSITIVE' WHEN t.neg > 0 THEN 'NEGATIVE' ELSE 'NEUTRAL' END)
  FROM (SELECT count(*) AS total, count(*) FILTER (WHERE r.origin = 'REPORTED') AS reported, count(*) FILTER (WHERE r.origin = 'READER') AS reader,
               count(*) FILTER (WHERE r.sentiment = 'POSITIVE') AS pos, count(*) FILTER (WHERE r.sentiment = 'NEGATIVE') AS neg,
               count(*) FILTER (WHERE r.sentiment = 'NEUTRAL') AS neu, count(*) FILTER (WHERE r.sentiment = 'MIXED') AS mix
        FROM public.reactions r WHERE r.article_id = a.id) t
$$;

-- Query.speakerQuotes: a speaker's quotes (by name or alias) matching search words, newest first.
CREATE OR REPLACE FUNCTION public.speaker_quotes(speaker_name text, search text)
RETURNS SETOF public.quotes LANGUAGE sql STABLE AS $$
  SELECT q.* FROM public.quotes q JOIN public.articles a ON a.id = q.article_id
  -- The speakers' ids first, through the same GIN index over names and aliases newsgraph uses.
  WHERE q.speaker_id = ANY(ARRAY(SELECT s.id FROM public.speakers s
                                 WHERE public.speaker_name_keys(s.name, s.aliases) @> ARRAY[lower(trim(speaker_name))]::text[]))
    AND q.search_vector @@ websearch_to_tsquery('english', search)
  ORDER BY a.sort_at DESC, a.id DESC, q.position, q.id DESC
$$;

-- Article.threadComments and Comment.visibleReplies: what newsgraph shows the public in a thread,
-- published comments plus deleted ones as placeholders (amber's conditions are equality only).
CREATE OR REPLACE FUNCTION public.articles_thread_comments(a public.articles)
RETURNS SETOF public.comments LANGUAGE sql STABLE AS $$
  SELECT c.* FROM public.comments c
  WHERE c.article_id = a.id AND c.parent_id IS NULL AND c.status IN ('PUBLISHED', 'DELETED')
  ORDER BY c.created_at DESC, c.id DESC
$$;

CREATE OR REPLACE FUNCTION public.comments_visible_replies(p public.comments)
RETURNS SETOF public.comments LANGUAGE sql STABLE AS $$
  SELECT c.* FROM public.comments c
  WHERE c.parent_id = p.id AND c.status IN ('PUBLISHED', 'DELETED')
  ORDER BY c.created_at, c.id
$$;
