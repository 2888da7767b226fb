// Watches: a reader's saved quote search (speaker, words, outlet, kind) with a webhook URL. The signing
// secret is returned once, at creation. Owners (and admins) list a watch's deliveries and replay them
// from a point in time; other people's watches answer NOT_FOUND.
import type { DataSource } from "typeorm";
import { BadUserInputError, NotFoundError, assertUuid } from "../errors";
import { isFetchError } from "../sources/fetch-errors";
import { checkUrl } from "../sources/safe-fetch";
import { newSecret } from "./signing";

export interface WatchRecord {
  id: string;
  ownerId: string;
  name: string | null;
  speakerId: string | null;
  words: string | null;
  outletId: string | null;
  kind: string | null;
  url: string;
  enabled: boolean;
  createdAt: Date;
}

export interface DeliveryRecord {
  id: string;
  watchId: string;
  quoteId: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
}

export interface WatchInput {
  name?: string | null;
  speakerId?: string | null;
  words?: string | null;
  outlet?: string | null;
  kind?: string | null;
  url: string;
}

export interface Owner {
  id: string;
  admin: boolean;
}

const WATCH_COLUMNS = `w.id, w.owner_id AS "ownerId", w.name, w.speaker_id AS "speakerId", w.words, w.outlet_id AS "outletId", w.kind, w.url, w.enabled, w.created_at AS "createdAt"`;
const DELIVERY_COLUMNS = `d.id, d.watch_id AS "watchId", d.quote_id AS "quoteId", d.status, d.attempts, d.created_at AS "createdAt",
  d.next_attempt_at AS "nextAttemptAt", d.delivered_at AS "deliveredAt", d.last_status AS "lastStatus", d.last_error AS "lastError"`;

export class WatchService {
  constructor(
    private readonly ds: DataSource,
    private readonly allowPrivate: boolean,
  ) {}

  async create(owner: Owner, input: WatchInput): Promise<{ watch: WatchRecord; secret: string }> {
    let url: string;
    try {
      url = checkUrl(input.url.trim(), this.allowPrivate).toString();
    } catch (err) {
      if (!isFetchError(err)) throw err;
      const e = new BadUserInputError(`input.url: ${err.message} [${err.code}]`, "input.url");
      Object.assign(e.extensions, { reason: err.code });
      throw e;
    }
    const speakerId = input.speakerId ? assertUuid(input.speakerId, "input.speakerId") : null;
    if (speakerId && !(await this.ds.query(`SELECT 1 FROM speakers WHERE id = $1`, [speakerId])).length) throw new NotFoundError("Speaker", speakerId);
    let outletId: string | null = null;
    if (input.outlet) {
      const [o]: Array<{ id: string }> = await this.ds.query(`SELECT id FROM outlets WHERE slug = $1 OR id::text = $1`, [input.outlet]);
      if (!o) throw new NotFoundError("Outlet", input.outlet);
      outletId = o.id;
    }
    const words = input.words?.trim() || null;
    if (words && words.length > 200) throw new BadUserInputError("input.words is at most 200 characters.", "input.words");
    const secret = newSecret();
    const [row]: WatchRecord[] = await this.ds.query(
      `INSERT INTO watches AS w (owner_id, name, speaker_id, words, outlet_id, kind, url, secret) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${WATCH_COLUMNS}`,
      [owner.id, input.name?.trim() || null, speakerId, words, outletId, input.kind ?? null, url, secret],
    );
    return { watch: row!, secret };
  }

  list(owner: Owner): Promise<WatchRecord[]> {
    return this.ds.query(`SELECT ${WATCH_COLUMNS} FROM watches w WHERE w.owner_id = $1 ORDER BY w.created_at, w.id`, [owner.id]);
  }

  async get(owner: Owner, id: string): Promise<WatchRecord> {
    assertUuid(id, "watchId");
    const [row]: WatchRecord[] = await this.ds.query(`SELECT ${WATCH_COLUMNS} FROM watches w WHERE w.id = $1 AND (w.owner_id = $2 OR $3)`, [id, owner.id, owner.admin]);
    if (!row) throw new NotFoundError("Watch", id);
    return row;
  }

  async remove(owner: Owner, id: string): Promise<string> {
    await this.get(owner, id);
    await this.ds.query(`DELETE FROM watches WHERE id = $1`, [id]);
    return id;
  }

  async deliveries(owner: Owner, watchId: string, opts: { status?: string | null; first?: number | null }): Promise<DeliveryRecord[]> {
    await this.get(owner, watchId);
    return this.ds.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.watch_id = $1 AND ($2::text IS NULL OR d.status = $2)
       ORDER BY d.created_at DESC, d.id LIMIT $3`,
      [watchId, opts.status ?? null, Math.min(Math.max(opts.first ?? 50, 1), 500)],
    );
  }

  /** Sends again every delivery of the watch written since `since` (same ids: receivers drop what they had). */
  async replay(owner: Owner, watchId: string, since: Date, now: Date): Promise<number> {
    await this.get(owner, watchId);
    const rows = await this.ds.query(
      `WITH r AS (UPDATE webhook_deliveries SET status = 'PENDING', attempts = 0, next_attempt_at = $3, last_error = NULL, retry_from = $3
       WHERE watch_id = $1 AND created_at >= $2 RETURNING id) SELECT id FROM r`,
      [watchId, since, now],
    );
    return rows.length;
  }
}
