// Builds test data in bulk (multi-row inserts): outlets, speakers, articles with quotes, reactions
// and comment threads. Deterministic for a given `scale`.
import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { Article, Comment, Outlet, Quote, Reaction, Speaker } from "../../entities";
import { CommentStatus } from "../../entities/comment-status.enum";
import { QuoteKind } from "../../entities/quote-kind.enum";
import { ReactionOrigin } from "../../entities/reaction-origin.enum";
import { Sentiment } from "../../entities/sentiment.enum";
import { SpeakerKind } from "../../entities/speaker-kind.enum";
import { normalizedHash } from "../../src/text/slug";

export interface GraphSize {
  outlets: number;
  speakers: number;
  articles: number;
  quotesPerArticle: number;
  reactionsPerArticle: number;
  /** Top-level comments on each of the first `commentedArticles` articles. */
  commentsPerArticle: number;
  commentedArticles: number;
  repliesPerComment: number;
}

export interface BuiltGraph {
  articleIds: string[];
  articleSlugs: string[];
  speakerIds: string[];
  outletIds: string[];
}

const WORDS = ["peace", "ceasefire", "talks", "economy", "border", "election", "sanctions", "energy", "climate", "trade", "security", "budget"];

async function insertAll<T extends object>(ds: DataSource, entity: new () => T, rows: Array<Partial<T>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await ds.getRepository(entity).insert(rows.slice(i, i + 500) as never);
}

export async function buildGraph(ds: DataSource, size: GraphSize): Promise<BuiltGraph> {
  const outlets = Array.from({ length: size.outlets }, (_, i) => ({ id: randomUUID(), slug: `outlet-${i}`, name: `Outlet ${i}`, domain: `outlet${i}.example`, url: null }));
  await insertAll(ds, Outlet, outlets);
  const speakers = Array.from({ length: size.speakers }, (_, i) => ({
    id: randomUUID(),
    slug: `speaker-${i}`,
    name: `Speaker Number${i}`,
    role: i % 2 ? "Minister" : null,
    kind: SpeakerKind.PERSON,
    aliases: [`Number${i}`],
    wikidataId: null,
  }));
  await insertAll(ds, Speaker, speakers);
  const base = Date.UTC(2025, 0, 1);
  const articles = Array.from({ length: size.articles }, (_, i) => ({
    id: randomUUID(),
    slug: `article-${i}`,
    url: `https://outlet${i % size.outlets}.example/a/${i}`,
    title: `Article ${i} about ${WORDS[i % WORDS.length]}`,
    body: `Body of article ${i}. ${WORDS.join(" ")}.`,
    summary: null,
    publishedAt: new Date(base + i * 3600_000),
    dateline: null,
    language: "en",
    topics: [WORDS[i % WORDS.length]],
    outletId: outlets[i % size.outlets].id,
    contentHash: `hash-${i}-${randomUUID()}`,
    commentsOnPage: null,
  }));
  await insertAll(ds, Article, articles);
  const quotes: Array<Partial<Quote>> = [];
  const reactions: Array<Partial<Reaction>> = [];
  const comments: Array<Partial<Comment>> = [];
  const replies: Array<Partial<Comment>> = [];
  articles.forEach((a, ai) => {
    for (let q = 0; q < size.quotesPerArticle; q++) {
      const text = `Quote ${q} of article ${ai} on ${WORDS[(ai + q) % WORDS.length]}`;
      quotes.push({
        articleId: a.id,
        speakerId: speakers[(ai + q) % speakers.length].id,
        text,
        kind: q % 2 ? QuoteKind.PARTIAL : QuoteKind.DIRECT,
        startOffset: null,
        endOffset: null,
        cue: "said",
        position: q,
        textHash: normalizedHash(text),
      });
    }
    for (let r = 0; r < size.reactionsPerArticle; r++) {
      reactions.push({
        articleId: a.id,
        origin: r % 3 ? ReactionOrigin.REPORTED : ReactionOrigin.READER,
        text: `Reaction ${r}`,
        sentiment: [Sentiment.POSITIVE, Sentiment.NEGATIVE, Sentiment.MIXED, Sentiment.NEUTRAL][r % 4],
        platform: "social media",
        authorName: null,
        userId: r % 3 ? null : `reader-${r}`,
        position: r,
      });
    }
    for (let c = 0; ai < size.commentedArticles && c < size.commentsPerArticle; c++) {
      const id = randomUUID();
      comments.push({ id, articleId: a.id, parentId: null, authorName: `Reader ${c}`, authorId: `reader-${c}`, body: `Comment ${c}`, status: CommentStatus.PUBLISHED });
      for (let r = 0; r < size.repliesPerComment; r++) {
        replies.push({ articleId: a.id, parentId: id, authorName: `Reader ${r}`, authorId: `reader-${r}`, body: `Reply ${r} to ${c}`, status: CommentStatus.PUBLISHED });
      }
    }
  });
  await insertAll(ds, Quote, quotes);
  await insertAll(ds, Reaction, reactions);
  await insertAll(ds, Comment, comments);
  await insertAll(ds, Comment, replies);
  return { articleIds: articles.map((a) => a.id), articleSlugs: articles.map((a) => a.slug), speakerIds: speakers.map((s) => s.id), outletIds: outlets.map((o) => o.id) };
}
