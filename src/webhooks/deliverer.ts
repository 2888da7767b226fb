// Sends the outbox: claims due PENDING deliveries (FOR UPDATE SKIP LOCKED, with a lease so that a
// process killed mid-send only delays them), POSTs each, signed per Standard Webhooks, and writes the
// results back in one statement per batch. A 2xx marks it DELIVERED; anything else is retried with
// exponential backoff and jitter until WEBHOOK_MAX_AGE_SECONDS after it was written, then FAILED with
// the last error kept. Receivers may see an event more than once: `webhook-id` is the delivery's id.
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { LiveMetrics } from "../sources/live-metrics";
import { isFetchError } from "../sources/fetch-errors";
import { keepAliveAgents, safeFetch, type FetchPolicy } from "../sources/safe-fetch";
import { signPayload } from "./signing";

export interface DelivererOptions {
  ds: DataSource;
  policy: FetchPolicy;
  logger: Logger;
  concurrency: number;
  maxAgeSeconds: number;
  clock?: () => Date;
  random?: () => number;
  /** First retry after this many ms (doubling after each failure, at most an hour). */
  firstRetryMs?: number;
  metrics?: LiveMetrics;
}

interface Claimed {
  id: string;
  url: string;
  secret: string;
  attempts: number;
  retryFrom: Date;
  payload: Record<string, unknown>;
}

interface Result {
  id: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  next: Date;
  httpStatus: number | null;
  error: string | null;
}

export class WebhookDeliverer {
  private readonly clock: () => Date;
  private readonly random: () => number;
  /** Connections to receivers are reused (each new one is checked by the address guard). */
  private readonly agents: ReturnType<typeof keepAliveAgents>;

  constructor(private readonly o: DelivererOptions) {
    this.clock = o.clock ?? (() => new Date());
    this.random = o.random ?? Math.random;
    this.agents = keepAliveAgents(o.policy, o.concurrency);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** Claims and sends one batch; returns how many were attempted. */
  async tick(): Promise<number> {
    const now = this.clock();
    const leaseMs = this.o.policy.timeoutMs * 3;
    const claimed: Claimed[] = await this.o.ds.query(
      `WITH due AS (SELECT id FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED),
       taken AS (UPDATE webhook_deliveries d SET next_attempt_at = $1::timestamptz + make_interval(secs => $3::float8 / 1000), attempts = d.attempts + 1
         FROM due WHERE d.id = due.id RETURNING d.id, d.watch_id, d.quote_id, d.attempts, d.retry_from)
       SELECT t.id, w.url, w.secret, t.attempts, t.retry_from AS "retryFrom",
         json_build_object(
           'type', 'quote.created',
           'watch', json_build_object('id', w.id, 'name', w.name),
           'quote', json_build_object('id', q.id, 'text', q.text, 'kind', q.kind, 'cue', q.cue, 'createdAt', q.created_at),
           'speaker', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'role', s.role) END,
           'article', json_build_object('id', a.id, 'slug', a.slug, 'title', a.title, 'url', a.url, 'publishedAt', a.published_at),
           'outlet', CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'domain', o.domain) END
         ) AS payload
       FROM taken t JOIN watches w ON w.id = t.watch_id JOIN quotes q ON q.id = t.quote_id JOIN articles a ON a.id = q.article_id
       LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN outlets o ON o.id = a.outlet_id`,
      [now, this.o.concurrency * 4, leaseMs],
    );
    if (!claimed.length) return 0;
    const results: Result[] = [];
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) results.push(await this.send(claimed[next++]!));
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, claimed.length) }, worker));
    await this.o.ds.query(
      `UPDATE webhook_deliveries d SET status = v.status, next_attempt_at = v.next, last_status = v.http_status, last_error = v.error,
         delivered_at = CASE WHEN v.status = 'DELIVERED' THEN v.next ELSE d.delivered_at END
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, status text, next timestamptz, http_status int, error text)
       WHERE d.id = v.id AND d.status = 'PENDING'`,
      [JSON.stringify(results.map((r) => ({ id: r.id, status: r.status, next: r.next, http_status: r.httpStatus, error: r.error })))],
    );
    return claimed.length;
  }

  /** Wait before attempt n+1: firstRetry × 2^(n-1), at most an hour, minus up to 20 % jitter. */
  retryDelayMs(attempts: number): number {
    const base = Math.min(3_600_000, (this.o.firstRetryMs ?? 10_000) * 2 ** Math.min(attempts - 1, 20));
    return base * (1 - 0.2 * this.random());
  }

  private async send(d: Claimed): Promise<Result> {
    const now = this.clock();
    const body = JSON.stringify({ ...d.payload, timestamp: now.toISOString() });
    let httpStatus: number | null = null;
    let error: string;
    try {
      const res = await safeFetch(d.url, this.o.policy, {
        method: "POST",
        followRedirects: false,
        agents: this.agents,
        body,
        headers: { "content-type": "application/json", ...signPayload(d.secret, d.id, now, body) },
      });
      httpStatus = res.status;
      if (res.status >= 200 && res.status < 300) {
        this.o.metrics?.delivered("delivered");
        return { id: d.id, status: "DELIVERED", next: now, httpStatus, error: null };
      }
      error = `HTTP_ERROR: the receiver answered ${res.status}`;
    } catch (err) {
      error = isFetchError(err) ? `${err.code}: ${err.message}` : String(err);
    }
    const next = new Date(now.getTime() + this.retryDelayMs(d.attempts));
    const expired = next.getTime() - new Date(d.retryFrom).getTime() > this.o.maxAgeSeconds * 1000;
    this.o.metrics?.delivered(expired ? "failed" : "retry");
    if (expired) this.o.logger.warn({ delivery: d.id, err: error }, "webhook delivery failed for good");
    return { id: d.id, status: expired ? "FAILED" : "PENDING", next: expired ? now : next, httpStatus, error: error.slice(0, 500) };
  }
}
