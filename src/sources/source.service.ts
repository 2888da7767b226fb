// Editors' management of sources (GraphQL and `newsgraph sources`): add, change, pause, remove, list.
// Bad input answers BAD_USER_INPUT with the fetch error code (`extensions.reason`), e.g. PRIVATE_ADDRESS.
import type { DataSource } from "typeorm";
import { BadUserInputError, ConflictError, NotFoundError, assertUuid } from "../errors";
import { slugify } from "../text/slug";
import { parseDuration } from "./duration";
import { isFetchError } from "./fetch-errors";
import { checkUrl } from "./safe-fetch";
import { SOURCE_COLUMNS } from "./source-store";

export type SourceKind = "FEED" | "SITEMAP";

export interface SourceRecord {
  id: string;
  url: string;
  kind: SourceKind;
  outletId: string | null;
  intervalSeconds: number;
  enabled: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  nextDueAt: Date;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastStatus: number | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  consecutiveFailures: number;
  etag: string | null;
  lastModified: string | null;
  itemsStored: number;
  newestItemAt: Date | null;
}

export interface SourceInput {
  url?: string | null;
  outlet?: string | null;
  every?: string | null;
  kind?: SourceKind | null;
  enabled?: boolean | null;
}

export interface SourcePolicy {
  allowPrivate: boolean;
  minIntervalSeconds: number;
}

export class SourceService {
  constructor(
    private readonly ds: DataSource,
    private readonly policy: SourcePolicy,
  ) {}

  private url(raw: string, arg: string): string {
    try {
      return checkUrl(raw.trim(), this.policy.allowPrivate).toString();
    } catch (err) {
      if (isFetchError(err)) {
        const e = new BadUserInputError(`${arg}: ${err.message} [${err.code}]`, arg);
        Object.assign(e.extensions, { reason: err.code });
        throw e;
      }
      throw err;
    }
  }

  private interval(every: string, arg: string): number {
    const seconds = parseDuration(every);
    if (seconds === null) throw new BadUserInputError(`${arg} must be a duration like 90s, 10m or 1h; got "${every.slice(0, 40)}".`, arg);
    if (seconds < this.policy.minIntervalSeconds) throw new BadUserInputError(`${arg} must be at least ${this.policy.minIntervalSeconds} s.`, arg);
    return seconds;
  }

  /** The id of the outlet with this slug, created (named after the slug) when there is none. */
  private async outlet(slugText: string, arg: string): Promise<string> {
    const slug = slugify(slugText);
    if (!slug) throw new BadUserInputError(`${arg} must be an outlet slug like the-guardian.`, arg);
    const name = slug
      .split("-")
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(" ");
    await this.ds.query(`INSERT INTO outlets (name, slug) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING`, [name, slug]);
    const [row]: Array<{ id: string }> = await this.ds.query(`SELECT id FROM outlets WHERE slug = $1`, [slug]);
    return row!.id;
  }

  async add(input: SourceInput, by: string | null): Promise<SourceRecord> {
    if (!input.url) throw new BadUserInputError("input.url is required.", "input.url");
    const url = this.url(input.url, "input.url");
    const interval = this.interval(input.every ?? "15m", "input.every");
    const outletId = input.outlet ? await this.outlet(input.outlet, "input.outlet") : null;
    const rows: Array<{ id: string }> = await this.ds.query(
      `INSERT INTO sources (url, kind, outlet_id, interval_seconds, enabled, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (url) DO NOTHING RETURNING id`,
      [url, input.kind ?? "FEED", outletId, interval, input.enabled ?? true, by],
    );
    if (!rows[0]) throw new ConflictError(`A source with the URL ${url} exists already.`);
    return this.get(rows[0].id);
  }

  async update(id: string, input: SourceInput): Promise<SourceRecord> {
    assertUuid(id, "id");
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (col: string, v: unknown) => sets.push(`${col} = $${params.push(v)}`);
    if (input.url) set("url", this.url(input.url, "input.url"));
    if (input.every) set("interval_seconds", this.interval(input.every, "input.every"));
    if (input.outlet) set("outlet_id", await this.outlet(input.outlet, "input.outlet"));
    if (input.kind) set("kind", input.kind);
    if (input.enabled !== undefined && input.enabled !== null) set("enabled", input.enabled);
    // A changed URL starts afresh: no validators of the old one, due now.
    if (input.url) sets.push("etag = NULL", "last_modified = NULL", "next_due_at = now()");
    if (sets.length) {
      try {
        const rows = await this.ds.query(`WITH u AS (UPDATE sources SET ${sets.join(", ")}, updated_at = now() WHERE id = $1 RETURNING id) SELECT id FROM u`, params);
        if (!rows.length) throw new NotFoundError("Source", id);
      } catch (err) {
        if ((err as { driverError?: { code?: string } }).driverError?.code === "23505") throw new ConflictError(`A source with that URL exists already.`);
        throw err;
      }
    }
    return this.get(id);
  }

  /** Pauses (or resumes: due at once) a source. */
  async pause(id: string, paused: boolean): Promise<SourceRecord> {
    assertUuid(id, "id");
    const rows = await this.ds.query(
      `WITH u AS (UPDATE sources SET enabled = $2, updated_at = now(), next_due_at = CASE WHEN $2 THEN now() ELSE next_due_at END WHERE id = $1 RETURNING id) SELECT id FROM u`,
      [id, !paused],
    );
    if (!rows.length) throw new NotFoundError("Source", id);
    return this.get(id);
  }

  async remove(id: string): Promise<string> {
    assertUuid(id, "id");
    const rows = await this.ds.query(`WITH d AS (DELETE FROM sources WHERE id = $1 RETURNING id) SELECT id FROM d`, [id]);
    if (!rows.length) throw new NotFoundError("Source", id);
    return id;
  }

  /** A source by id or by URL (the CLI's `sources remove URL`). */
  async find(idOrUrl: string): Promise<SourceRecord | null> {
    const rows: SourceRecord[] = await this.ds.query(`SELECT ${SOURCE_COLUMNS} FROM sources s WHERE ${/^[0-9a-f-]{36}$/i.test(idOrUrl) ? "s.id = $1::uuid" : "s.url = $1"}`, [idOrUrl]);
    return rows[0] ?? null;
  }

  async get(id: string): Promise<SourceRecord> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError("Source", id);
    return found;
  }

  list(opts: { failingOnly?: boolean; first?: number } = {}): Promise<SourceRecord[]> {
    return this.ds.query(`SELECT ${SOURCE_COLUMNS} FROM sources s ${opts.failingOnly ? "WHERE s.consecutive_failures > 0" : ""} ORDER BY s.created_at, s.id LIMIT $1`, [
      Math.min(Math.max(opts.first ?? 100, 1), 1000),
    ]);
  }
}
