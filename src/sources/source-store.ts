// Every statement on the sources table: the poller's claim (FOR UPDATE SKIP LOCKED, so any number of
// processes share the work and each due source is taken by one) and its batched write of outcomes, and
// the editors' reads and writes.
import type { DataSource, EntityManager } from "typeorm";

/** What the poller needs of a claimed source. */
export interface ClaimedSource {
  id: string;
  url: string;
  kind: "FEED" | "SITEMAP";
  intervalSeconds: number;
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
  outletName: string | null;
  outletDomain: string | null;
}

/** The result of one poll, written back in a batch. */
export interface PollOutcome {
  id: string;
  ok: boolean;
  at: Date;
  status: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  nextDue: Date;
  /** For a 200: the validators to send next time (a 304 keeps the stored ones). */
  etag?: string | null;
  lastModified?: string | null;
  items: number;
  newest: Date | null;
}

/**
 * Claims up to `limit` enabled sources due at `now`: their next due time moves a lease ahead (the
 * interval, or `leaseSeconds` if longer) in the same statement, so no other process takes them; the
 * outcome then sets the real next due time. Sources locked by a concurrent claim are skipped.
 */
export async function claimDueSources(ds: DataSource, now: Date, limit: number, leaseSeconds: number): Promise<ClaimedSource[]> {
  return ds.query(
    // A top-level SELECT over the UPDATE: TypeORM answers an UPDATE's RETURNING as [rows, count].
    `WITH due AS (SELECT id FROM sources WHERE enabled AND next_due_at <= $1 ORDER BY next_due_at LIMIT $2 FOR UPDATE SKIP LOCKED),
     claimed AS (UPDATE sources s SET next_due_at = $1::timestamptz + make_interval(secs => GREATEST(s.interval_seconds, $3)), last_fetched_at = $1
     FROM due WHERE s.id = due.id
     RETURNING s.id, s.url, s.kind, s.interval_seconds AS "intervalSeconds", s.etag, s.last_modified AS "lastModified",
       s.consecutive_failures AS "consecutiveFailures",
       (SELECT o.name FROM outlets o WHERE o.id = s.outlet_id) AS "outletName",
       (SELECT o.domain FROM outlets o WHERE o.id = s.outlet_id) AS "outletDomain")
     SELECT * FROM claimed`,
    [now, limit, leaseSeconds],
  );
}

/** Writes a batch of outcomes in one statement. */
export async function recordOutcomes(ds: DataSource, outcomes: PollOutcome[]): Promise<void> {
  if (!outcomes.length) return;
  await ds.query(
    `UPDATE sources s SET
       last_status = v.status,
       last_success_at = CASE WHEN v.ok THEN v.at ELSE s.last_success_at END,
       last_error_code = v.error_code,
       last_error_message = v.error_message,
       consecutive_failures = CASE WHEN v.ok THEN 0 ELSE s.consecutive_failures + 1 END,
       next_due_at = v.next_due,
       etag = CASE WHEN v.ok AND v.status = 200 THEN v.etag ELSE s.etag END,
       last_modified = CASE WHEN v.ok AND v.status = 200 THEN v.last_modified ELSE s.last_modified END,
       items_stored = s.items_stored + v.items,
       newest_item_at = GREATEST(s.newest_item_at, v.newest)
     FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, ok boolean, at timestamptz, status int, error_code text, error_message text,
       next_due timestamptz, etag text, last_modified text, items int, newest timestamptz)
     WHERE s.id = v.id AND s.enabled`,
    [
      JSON.stringify(
        outcomes.map((o) => ({
          id: o.id,
          ok: o.ok,
          at: o.at,
          status: o.status,
          error_code: o.errorCode,
          error_message: o.errorMessage?.slice(0, 500) ?? null,
          next_due: o.nextDue,
          etag: o.etag ?? null,
          last_modified: o.lastModified ?? null,
          items: o.items,
          newest: o.newest,
        })),
      ),
    ],
  );
}

/** Columns of a source as the GraphQL type reads them. */
export const SOURCE_COLUMNS = `s.id, s.url, s.kind, s.outlet_id AS "outletId", s.interval_seconds AS "intervalSeconds", s.enabled,
  s.created_by AS "createdBy", s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.next_due_at AS "nextDueAt",
  s.last_fetched_at AS "lastFetchedAt", s.last_success_at AS "lastSuccessAt", s.last_status AS "lastStatus",
  s.last_error_code AS "lastErrorCode", s.last_error_message AS "lastErrorMessage", s.consecutive_failures AS "consecutiveFailures",
  s.etag, s.last_modified AS "lastModified", s.items_stored AS "itemsStored", s.newest_item_at AS "newestItemAt"`;

export type Queryable = Pick<EntityManager, "query"> | Pick<DataSource, "query">;
