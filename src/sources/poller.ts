// The poller: every tick it claims the due sources (source-store.ts), polls them (at most
// `concurrency` at once, `perHost` per host), and writes their outcomes back in one statement. A
// 304 costs no parsing and no statement of its own; a failure pushes the next poll back
// exponentially (with jitter, and never sooner than a Retry-After); one failing source never stops
// the others.
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { parseHtmlArticle } from "../ingest/formats/html-article.parser";
import type { RawArticle } from "../ingest/types";
import type { ContentChanges } from "../cache/content-changes";
import type { NewsEvents } from "../pubsub/news-events";
import { FetchError, isFetchError, parseRetryAfter } from "./fetch-errors";
import { readBody, type FeedItem, type SitemapEntry } from "./feed-reader";
import { HostLimiter } from "./host-limiter";
import { storeItem, unchangedKeys, type SourceRef } from "./item-store";
import type { LiveMetrics } from "./live-metrics";
import { RobotsCache } from "./robots";
import { safeFetch, type FetchPolicy, type FetchResponse } from "./safe-fetch";
import { claimDueSources, recordOutcomes, type ClaimedSource, type PollOutcome } from "./source-store";

/** A feed item whose body is shorter than this and that links to a page has only a summary: the page is read. */
export const SUMMARY_ONLY_CHARS = 400;
/** Pages of a sitemap read per poll (the rest wait for the next one). */
export const SITEMAP_PAGES_PER_POLL = 50;

export interface PollerOptions {
  ds: DataSource;
  policy: FetchPolicy;
  logger: Logger;
  concurrency: number;
  perHost: number;
  maxBackoffSeconds: number;
  clock?: () => Date;
  /** 0..1 → 0..1; tests make the jitter predictable. */
  random?: () => number;
  events?: NewsEvents;
  /** The response cache's change feed (inside `serve`): stored articles drop the answers that showed them. */
  changes?: ContentChanges;
  metrics?: LiveMetrics;
}

export class SourcePoller {
  readonly limiter: HostLimiter;
  private readonly robots: RobotsCache;
  private readonly clock: () => Date;
  private readonly random: () => number;

  constructor(private readonly o: PollerOptions) {
    this.limiter = new HostLimiter(o.perHost);
    this.robots = new RobotsCache(o.policy, (url, policy) => this.limiter.run(new URL(url).host, () => safeFetch(url, policy)));
    this.clock = o.clock ?? (() => new Date());
    this.random = o.random ?? Math.random;
  }

  /** Claims and polls every due source once; returns the outcomes (already written). */
  async tick(): Promise<PollOutcome[]> {
    const now = this.clock();
    const lease = Math.ceil((this.o.policy.timeoutMs * 4) / 1000);
    const claimed = await claimDueSources(this.o.ds, now, this.o.concurrency * 4, lease);
    if (!claimed.length) return [];
    const outcomes: PollOutcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) outcomes.push(await this.poll(claimed[next++]!));
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, claimed.length) }, worker));
    await recordOutcomes(this.o.ds, outcomes);
    return outcomes;
  }

  /** The wait after the n-th failure in a row: interval × 2^n, capped, minus up to 20 % jitter; at least Retry-After. */
  backoffMs(intervalSeconds: number, failures: number, retryAfterMs?: number): number {
    const base = Math.min(this.o.maxBackoffSeconds, intervalSeconds * 2 ** Math.min(failures, 20)) * 1000;
    const jittered = base * (1 - 0.2 * this.random());
    return Math.max(jittered, retryAfterMs ?? 0);
  }

  private fetch(url: string, headers: Record<string, string> = {}): Promise<FetchResponse> {
    return this.limiter.run(new URL(url).host, () => safeFetch(url, this.o.policy, { headers }));
  }

  private async allowed(url: string): Promise<void> {
    if (!(await this.robots.allows(url, this.clock().getTime()))) throw new FetchError("ROBOTS_DISALLOWED", `robots.txt of ${new URL(url).origin} disallows ${new URL(url).pathname}`);
  }

  async poll(source: ClaimedSource): Promise<PollOutcome> {
    const at = this.clock();
    const ref: SourceRef = { id: source.id, outletName: source.outletName, outletDomain: source.outletDomain };
    try {
      await this.allowed(source.url);
      const conditional: Record<string, string> = {};
      if (source.etag) conditional["if-none-match"] = source.etag;
      if (source.lastModified) conditional["if-modified-since"] = source.lastModified;
      const res = await this.fetch(source.url, conditional);
      const nextDue = new Date(at.getTime() + source.intervalSeconds * 1000);
      if (res.status === 304) {
        this.o.metrics?.fetched("304");
        return { id: source.id, ok: true, at, status: 304, errorCode: null, errorMessage: null, nextDue, items: 0, newest: null };
      }
      if (res.status === 429 || res.status === 503) {
        throw new FetchError("RATE_LIMITED", `the server answered ${res.status}`, res.status, parseRetryAfter(res.headers["retry-after"], at));
      }
      if (res.status < 200 || res.status >= 300) throw new FetchError("HTTP_ERROR", `the server answered ${res.status}`, res.status, parseRetryAfter(res.headers["retry-after"], at));
      const read = readBody(res.body, String(res.headers["content-type"] ?? ""), res.url);
      const { stored, newest } = read.kind === "feed" ? await this.storeFeed(ref, read.items) : await this.storeSitemap(ref, read.entries);
      this.o.metrics?.fetched(String(res.status));
      const header = (name: string) => {
        const v = res.headers[name];
        return typeof v === "string" ? v : null;
      };
      return {
        id: source.id,
        ok: true,
        at,
        status: res.status,
        errorCode: null,
        errorMessage: null,
        nextDue,
        etag: header("etag"),
        lastModified: header("last-modified"),
        items: stored,
        newest,
      };
    } catch (err) {
      const e = isFetchError(err) ? err : new FetchError("STORE_FAILED", err instanceof Error ? err.message : String(err));
      this.o.metrics?.fetched(e.code);
      this.o.logger.warn({ source: source.id, url: source.url, code: e.code, err: e.message }, "source poll failed");
      const nextDue = new Date(at.getTime() + this.backoffMs(source.intervalSeconds, source.consecutiveFailures + 1, e.retryAfterMs));
      return { id: source.id, ok: false, at, status: e.status ?? null, errorCode: e.code, errorMessage: e.message, nextDue, items: 0, newest: null };
    }
  }

  private async storeFeed(ref: SourceRef, items: FeedItem[]): Promise<{ stored: number; newest: Date | null }> {
    const newest = items.reduce<Date | null>((max, i) => (i.raw.publishedAt && (!max || i.raw.publishedAt > max) ? i.raw.publishedAt : max), null);
    const known = await unchangedKeys(this.o.ds, ref.id, items);
    let stored = 0;
    for (const item of items) {
      if (known.has(item.key)) continue;
      if (item.raw.url && item.raw.body.length < SUMMARY_ONLY_CHARS) await this.readPage(item.raw);
      stored += await this.store(ref, item);
    }
    return { stored, newest };
  }

  private async storeSitemap(ref: SourceRef, entries: SitemapEntry[]): Promise<{ stored: number; newest: Date | null }> {
    const items = entries.map((e) => ({ key: e.url, version: e.lastmod ?? "-", entry: e }));
    const known = await unchangedKeys(this.o.ds, ref.id, items as unknown as FeedItem[]);
    let stored = 0;
    let newest: Date | null = null;
    for (const { key, version, entry } of items.filter((i) => !known.has(i.key)).slice(0, SITEMAP_PAGES_PER_POLL)) {
      try {
        await this.allowed(entry.url);
        const res = await this.fetch(entry.url);
        if (res.status !== 200) throw new FetchError("HTTP_ERROR", `the page answered ${res.status}`, res.status);
        const raw = parseHtmlArticle(res.body.toString("utf8"), entry.url);
        raw.url ??= entry.url;
        if (entry.title && !raw.title) raw.title = entry.title;
        if (raw.publishedAt && (!newest || raw.publishedAt > newest)) newest = raw.publishedAt;
        stored += await this.store(ref, { key, version, raw });
      } catch (err) {
        this.o.metrics?.ingested("failed");
        this.o.logger.warn({ source: ref.id, url: entry.url, err: (err as Error).message }, "sitemap page skipped");
      }
    }
    return { stored, newest };
  }

  /** Reads the article page of a summary-only item with the HTML pipeline; on any failure the summary stays. */
  private async readPage(raw: RawArticle): Promise<void> {
    try {
      await this.allowed(raw.url!);
      const res = await this.fetch(raw.url!);
      if (res.status !== 200) return;
      const page = parseHtmlArticle(res.body.toString("utf8"), raw.url!);
      if (page.body.length > raw.body.length) {
        raw.summary = raw.body;
        raw.body = page.body;
        raw.dateline ??= page.dateline;
        raw.publishedAt ??= page.publishedAt;
      }
    } catch (err) {
      this.o.logger.debug({ url: raw.url, err: (err as Error).message }, "article page not read; the summary is stored");
    }
  }

  private async store(ref: SourceRef, item: FeedItem): Promise<number> {
    try {
      const r = await storeItem(this.o.ds, ref, item, this.o.events);
      this.o.metrics?.ingested(r.outcome);
      if (r.articleId && r.outcome !== "draft-kept" && this.o.changes) {
        const changed = await this.o.changes.dependentsOf(this.o.ds, r.articleId);
        if (changed) await this.o.changes.article(changed);
      }
      return r.outcome === "draft-kept" ? 0 : 1;
    } catch (err) {
      this.o.metrics?.ingested("failed");
      this.o.logger.warn({ source: ref.id, item: item.key, err: (err as Error).message }, "feed item not stored");
      return 0;
    }
  }
}
