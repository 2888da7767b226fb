// A deterministic synthetic news corpus for the benchmark: outlets, speakers (a few quoted very often),
// articles whose bodies contain their quotes, reactions, and comment threads. The same seed and size
// always give the same rows, ids included. Rows go in with large multi-row INSERTs (unnest of arrays),
// in one transaction, through the schema the project's own migrations made.
import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { slugify } from "../../src/text/slug";
import { apportion, Random, SkewedPicker } from "./random";
import * as text from "./text";

export interface CorpusOptions {
  /** Articles to generate; everything else scales with it (N=10,000 ⇒ 200 outlets, 2,000 speakers …). */
  articles: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Empty the news tables first instead of refusing a non-empty database. */
  reset?: boolean;
  /** Called after each batch of articles is stored. */
  onProgress?: (articlesDone: number, articlesTotal: number) => void;
}

export interface CorpusCounts {
  outlets: number;
  speakers: number;
  articles: number;
  quotes: number;
  reactions: number;
  comments: number;
  /** Of `comments`, how many are replies. */
  replies: number;
}

/** The row counts a corpus of `articles` articles has (the generator produces exactly these). */
export function corpusSize(articles: number): Omit<CorpusCounts, "replies"> {
  return {
    outlets: Math.max(1, Math.ceil(articles / 50)),
    speakers: Math.max(1, Math.ceil(articles / 5)),
    articles,
    quotes: articles * 10,
    reactions: articles * 5,
    comments: articles * 20,
  };
}

const ARTICLES_PER_BATCH = 500;
const ROWS_PER_INSERT = 5000;
/** Articles are dated over the two years before this instant (fixed, so the corpus is reproducible). */
const LATEST = Date.parse("2026-11-01T00:00:00Z");
const TWO_YEARS_MS = 730 * 86_400_000;

type Column = [name: string, type: string];
type Row = unknown[];

/** `{"a","b"}`: a text[] literal, so array columns can travel inside an unnest of text. */
function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/** INSERT … SELECT FROM unnest($1::t1[], $2::t2[], …): one statement for thousands of rows. */
async function insertRows(m: EntityManager, table: string, columns: Column[], rows: Row[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const params = columns.map((_, i) => chunk.map((r) => r[i]));
    const unnestArgs = columns.map(([, type], i) => `$${i + 1}::${type === "text[]" ? "text" : type}[]`).join(", ");
    const names = columns.map(([name]) => name);
    const select = columns.map(([name, type]) => (type === "text[]" ? `u.${name}::text[]` : `u.${name}`)).join(", ");
    await m.query(`INSERT INTO ${table} (${names.join(", ")}) SELECT ${select} FROM unnest(${unnestArgs}) AS u(${names.join(", ")})`, params);
  }
}

const OUTLET_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["slug", "text"],
  ["name", "text"],
  ["domain", "text"],
  ["url", "text"],
  ["created_at", "timestamptz"],
];
const SPEAKER_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["slug", "text"],
  ["name", "text"],
  ["role", "text"],
  ["kind", "text"],
  ["aliases", "text[]"],
  ["wikidata_id", "text"],
  ["created_at", "timestamptz"],
];
const ARTICLE_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["slug", "text"],
  ["url", "text"],
  ["title", "text"],
  ["body", "text"],
  ["summary", "text"],
  ["published_at", "timestamptz"],
  ["dateline", "text"],
  ["language", "text"],
  ["topics", "text[]"],
  ["outlet_id", "uuid"],
  ["content_hash", "text"],
  ["comments_on_page", "int4"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
];
const QUOTE_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["article_id", "uuid"],
  ["speaker_id", "uuid"],
  ["text", "text"],
  ["kind", "text"],
  ["start_offset", "int4"],
  ["end_offset", "int4"],
  ["cue", "text"],
  ["position", "int4"],
  ["text_hash", "text"],
  ["created_at", "timestamptz"],
];
const REACTION_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["article_id", "uuid"],
  ["origin", "text"],
  ["text", "text"],
  ["sentiment", "text"],
  ["platform", "text"],
  ["author_name", "text"],
  ["user_id", "text"],
  ["position", "int4"],
  ["created_at", "timestamptz"],
];
const COMMENT_COLUMNS: Column[] = [
  ["id", "uuid"],
  ["article_id", "uuid"],
  ["parent_id", "uuid"],
  ["author_name", "text"],
  ["author_id", "text"],
  ["body", "text"],
  ["status", "text"],
  ["created_at", "timestamptz"],
  ["edited_at", "timestamptz"],
];

const NEWS_TABLES = ["comments", "reactions", "quotes", "articles", "speakers", "outlets"];

interface SpeakerRow {
  id: string;
  name: string;
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** Fills the database behind `ds` (already migrated) with a corpus of `options.articles` articles. */
export async function generateCorpus(ds: DataSource, options: CorpusOptions): Promise<CorpusCounts> {
  const n = options.articles;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`articles must be a positive whole number; got ${n}`);
  const size = corpusSize(n);
  const rng = new Random(options.seed ?? 1);
  const counts: CorpusCounts = { outlets: 0, speakers: 0, articles: 0, quotes: 0, reactions: 0, comments: 0, replies: 0 };

  await ds.transaction(async (m) => {
    if (options.reset) {
      await m.query(`TRUNCATE ${NEWS_TABLES.join(", ")} CASCADE`);
    } else {
      const [{ any }] = await m.query(`SELECT EXISTS (SELECT 1 FROM articles) OR EXISTS (SELECT 1 FROM speakers) AS any`);
      if (any) throw new Error("The database already holds articles or speakers; pass reset to replace them with the corpus.");
    }
    const created = new Date(LATEST - TWO_YEARS_MS - 86_400_000);

    // Outlets, a few much bigger than the rest.
    const outletIds: string[] = [];
    const outletRows: Row[] = [];
    for (let i = 0; i < size.outlets; i++) {
      const id = rng.uuid();
      const name = `The ${text.LAST_NAMES[i % text.LAST_NAMES.length]} ${["Times", "Herald", "Post", "Tribune", "Gazette", "Courier", "Observer", "Ledger"][Math.floor(i / text.LAST_NAMES.length) % 8]}${i >= 400 ? ` ${i}` : ""}`;
      const slug = `${slugify(name)}-${i}`;
      outletIds.push(id);
      outletRows.push([id, slug, name, `${slug}.example`, `https://${slug}.example/`, created]);
    }
    await insertRows(m, "outlets", OUTLET_COLUMNS, outletRows);
    counts.outlets = outletRows.length;

    // Speakers: persons (unique names), some organisations; popularity is Zipf-skewed over a shuffled order.
    const speakers: SpeakerRow[] = [];
    const speakerRows: Row[] = [];
    const names = text.FIRST_NAMES.length * text.LAST_NAMES.length;
    for (let i = 0; i < size.speakers; i++) {
      const id = rng.uuid();
      const org = i % 10 === 9;
      const first = text.FIRST_NAMES[i % text.FIRST_NAMES.length];
      const last = text.LAST_NAMES[Math.floor(i / text.FIRST_NAMES.length) % text.LAST_NAMES.length];
      const round = Math.floor(i / names);
      const name = org
        ? `${text.ORGANIZATIONS[i % text.ORGANIZATIONS.length]} of ${text.LAST_NAMES[Math.floor(i / 10) % text.LAST_NAMES.length]}ia${i >= 600 ? ` ${i}` : ""}`
        : `${first} ${round > 0 ? `${String.fromCharCode(65 + (round % 26))}. ` : ""}${last}${round >= 26 ? ` ${i}` : ""}`;
      const role = org ? null : rng.pick(text.ROLES);
      const aliases = org ? [] : [last, `${role} ${last}`];
      speakers.push({ id, name });
      speakerRows.push([id, `${slugify(name)}-${i}`, name, role, org ? "ORGANIZATION" : "PERSON", arrayLiteral(aliases), i < 50 ? `Q${1000 + i}` : null, created]);
    }
    await insertRows(m, "speakers", SPEAKER_COLUMNS, speakerRows);
    counts.speakers = speakerRows.length;
    const byPopularity = speakers.slice();
    for (let i = byPopularity.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [byPopularity[i], byPopularity[j]] = [byPopularity[j], byPopularity[i]];
    }
    const popular = new SkewedPicker(byPopularity.length, 1.0);
    const outletPicker = new SkewedPicker(outletIds.length, 0.8);

    // Per-article list sizes, with exact totals: quotes fairly even, comments very uneven.
    const quotesPer = apportion(
      size.quotes,
      Array.from({ length: n }, () => 0.3 + rng.next() * 1.4),
    );
    const reactionsPer = apportion(
      size.reactions,
      Array.from({ length: n }, () => rng.next() * 2),
    );
    const commentsPer = apportion(
      size.comments,
      Array.from({ length: n }, () => 0.05 + Math.pow(rng.next(), 4) * 5),
    );

    for (let start = 0; start < n; start += ARTICLES_PER_BATCH) {
      const articles: Row[] = [];
      const quotes: Row[] = [];
      const reactions: Row[] = [];
      const topLevel: Row[] = [];
      const replies: Row[] = [];
      for (let a = start; a < Math.min(n, start + ARTICLES_PER_BATCH); a++) {
        const id = rng.uuid();
        const title = text.headline(rng);
        const undated = rng.chance(0.02);
        const published = new Date(LATEST - Math.floor(rng.next() * TWO_YEARS_MS));
        const createdAt = new Date(published.getTime() + rng.int(60_000, 3_600_000));
        // The body: a lede, then one paragraph per quote (“…,” Name said.), with filler in between.
        const paragraphs: string[] = [text.paragraph(rng, rng.int(2, 4))];
        let body = paragraphs[0];
        const cast = Array.from({ length: rng.int(1, 4) }, () => byPopularity[popular.pick(rng)]);
        for (let p = 0; p < quotesPer[a]; p++) {
          const who = rng.chance(0.05) ? null : rng.pick(cast);
          const words = text.quoteText(rng);
          const cueWord = text.cue(rng);
          const lead = "\n\n“";
          const startOffset = body.length + lead.length;
          body += `${lead}${words},” ${who ? who.name : "one official"} ${cueWord}. ${text.sentence(rng)}`;
          if (rng.chance(0.3)) body += `\n\n${text.paragraph(rng, rng.int(1, 3))}`;
          quotes.push([
            rng.uuid(),
            id,
            who?.id ?? null,
            words,
            rng.chance(0.85) ? "DIRECT" : "PARTIAL",
            startOffset,
            startOffset + words.length,
            cueWord,
            p,
            sha256(words.toLowerCase()),
            createdAt,
          ]);
        }
        body += `\n\n${text.paragraph(rng, rng.int(1, 3))}`;
        const slug = `${slugify(title)}-${a}`;
        const topics = [rng.pick(text.TOPICS), ...(rng.chance(0.4) ? [rng.pick(text.TOPICS)] : [])].filter((t, i, all) => all.indexOf(t) === i);
        articles.push([
          id,
          slug,
          `https://news.example/${slug}`,
          title,
          body,
          rng.chance(0.7) ? text.sentence(rng) : null,
          undated ? null : published,
          rng.chance(0.5) ? `${rng.pick(text.LAST_NAMES)}grad` : null,
          "en",
          arrayLiteral(topics),
          rng.chance(0.03) ? null : outletIds[outletPicker.pick(rng)],
          sha256(`${a}:${title}`),
          rng.chance(0.3) ? rng.int(0, 500) : null,
          createdAt,
          createdAt,
        ]);

        for (let r = 0; r < reactionsPer[a]; r++) {
          const reader = rng.chance(0.2);
          reactions.push([
            rng.uuid(),
            id,
            reader ? "READER" : "REPORTED",
            rng.chance(0.8) ? text.sentence(rng) : null,
            rng.pick(["POSITIVE", "NEGATIVE", "NEGATIVE", "NEUTRAL", "MIXED"]),
            reader ? null : rng.pick(["social media", "Twitter", "a petition", "a rally"]),
            rng.chance(0.5) ? text.authorName(rng) : null,
            reader ? `reader-${a}-${r}` : null,
            r,
            new Date(createdAt.getTime() + r * 60_000),
          ]);
        }

        const threads: string[] = [];
        let clock = createdAt.getTime();
        for (let c = 0; c < commentsPer[a]; c++) {
          clock += rng.int(10_000, 3_600_000);
          const status = rng.chance(0.94) ? "PUBLISHED" : rng.pick(["PENDING", "PENDING", "REJECTED", "DELETED"]);
          const author = text.authorName(rng);
          const cid = rng.uuid();
          const isReply = threads.length > 0 && rng.chance(0.4);
          const row = [
            cid,
            id,
            isReply ? threads[Math.floor(Math.pow(rng.next(), 2) * threads.length)] : null,
            author,
            `user-${author}`,
            text.commentBody(rng),
            status,
            new Date(clock),
            rng.chance(0.05) ? new Date(clock + 120_000) : null,
          ];
          if (isReply) replies.push(row);
          else {
            topLevel.push(row);
            threads.push(cid);
          }
        }
      }
      await insertRows(m, "articles", ARTICLE_COLUMNS, articles);
      await insertRows(m, "quotes", QUOTE_COLUMNS, quotes);
      await insertRows(m, "reactions", REACTION_COLUMNS, reactions);
      // Replies after every thread start, so each parent exists when its reply arrives.
      await insertRows(m, "comments", COMMENT_COLUMNS, topLevel);
      await insertRows(m, "comments", COMMENT_COLUMNS, replies);
      counts.articles += articles.length;
      counts.quotes += quotes.length;
      counts.reactions += reactions.length;
      counts.comments += topLevel.length + replies.length;
      counts.replies += replies.length;
      options.onProgress?.(counts.articles, n);
    }
  });
  // Fresh statistics, so the planner sees the corpus as it is; VACUUM too, for servers where autovacuum is
  // off or late: it flushes the GIN indexes' pending lists (fastupdate), which every search would otherwise
  // scan, and sets the visibility map that index-only scans need.
  await ds.query(`VACUUM ANALYZE ${NEWS_TABLES.join(", ")}`);
  return counts;
}
