// Bulk export of quotes: every quote the `quotes` list would page through for a filter (same SQL: the
// list's FROM and WHERE from QuoteService.listQuery), oldest first, read in keyset pages so memory stays
// flat whatever the size.
//
// Consistency: on a PostgreSQL server all pages are read in ONE read-only REPEATABLE READ transaction, so
// a quote written during the export neither appears nor shifts rows. The embedded database has a single
// session, where a long transaction would hold every other request up for the whole export; there each
// page is its own short statement, and the keyset still guarantees no row twice and none skipped among
// rows that existed when the export started (a quote stored meanwhile appears if it sorts after the
// export's position). Resuming: `after` takes the cursor the export ends with, or the id of the last
// quote received (a download cut short has no trailer).
import type { DataSource, QueryRunner } from "typeorm";
import type { Visibility } from "../auth/visibility";
import { assertUuid, BadUserInputError, NotFoundError } from "../errors";
import { encodeCursor } from "../pagination/cursor";
import { buildPageQuery, type ListQuery } from "../pagination/keyset-query";
import type { QuoteFilter, QuoteService } from "../quotes/quote.service";

export const EXPORT_COLUMNS = [
  "quote_id",
  "text",
  "kind",
  "cue",
  "position",
  "speaker_id",
  "speaker_name",
  "speaker_role",
  "speaker_kind",
  "speaker_wikidata_id",
  "article_id",
  "article_title",
  "article_url",
  "published_at",
  "language",
  "outlet_id",
  "outlet_slug",
  "outlet_name",
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string | number | null>;

const SELECT = `q.id AS quote_id, q.text, q.kind, q.cue, q.position, q.speaker_id, sp.name AS speaker_name, sp.role AS speaker_role,
  sp.kind AS speaker_kind, sp.wikidata_id AS speaker_wikidata_id, q.article_id, a.title AS article_title, a.url AS article_url,
  to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS published_at, a.language, a.outlet_id,
  xo.slug AS outlet_slug, xo.name AS outlet_name`;

/** Rows per keyset page: large enough to amortise a statement, small enough to keep memory flat. */
export const EXPORT_PAGE_ROWS = 1000;

export interface ExportOptions {
  /** A cursor from a previous export's end, or the id of the last quote received. */
  after?: string | null;
  /** Stop after this many rows (the end then says `complete: false`). */
  limit?: number | null;
  /** One transaction for the whole export (PostgreSQL server); false: a short statement per page (embedded). */
  snapshot: boolean;
  pageRows?: number;
}

export class QuoteExportService {
  constructor(
    private readonly ds: DataSource,
    private readonly quotes: QuoteService,
  ) {}

  /** The export's keyset query: the list's own FROM and WHERE, with the export's columns. */
  private query(filter: QuoteFilter, vis: Visibility): ListQuery {
    const list = this.quotes.listQuery(filter, "OLDEST", vis);
    return { ...list, select: SELECT, from: `${list.from} LEFT JOIN speakers sp ON sp.id = q.speaker_id LEFT JOIN outlets xo ON xo.id = a.outlet_id`, narrow: false };
  }

  /** How many quotes the export of `filter` holds (for a progress bar). */
  async count(filter: QuoteFilter, vis: Visibility): Promise<number> {
    const list = this.quotes.listQuery(filter, "OLDEST", vis);
    const rows: Array<{ n: number }> = await this.ds.query(`SELECT count(*)::int AS n FROM ${list.from}${list.where.length ? ` WHERE ${list.where.join(" AND ")}` : ""}`, list.params);
    return rows[0].n;
  }

  /** The keyset cursor of quote `id` in the export's order. */
  private async cursorOf(runner: QueryRunner, id: string): Promise<string> {
    const rows: Array<Record<string, string>> = await runner.query(
      `SELECT a.sort_at::text AS k0, a.id::text AS k1, q.position::text AS k2, q.id::text AS k3 FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = $1`,
      [id],
    );
    if (!rows[0]) throw new NotFoundError("Quote", id);
    return encodeCursor([rows[0].k0, rows[0].k1, rows[0].k2, rows[0].k3]);
  }

  /**
   * Validates the filter and options before anything is sent (so a refusal can still be an error
   * response), then returns the rows as pages. `end()` tells the cursor to continue from.
   */
  async open(filter: QuoteFilter, vis: Visibility, opts: ExportOptions) {
    const q = this.query(filter, vis);
    if (opts.limit != null && (!Number.isSafeInteger(opts.limit) || opts.limit < 1)) throw new BadUserInputError("limit must be a whole number of at least 1.", "limit");
    const pageRows = opts.pageRows ?? EXPORT_PAGE_ROWS;
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    let open = true;
    const release = async (commit: boolean) => {
      if (!open) return;
      open = false;
      try {
        if (opts.snapshot) await runner.query(commit ? "COMMIT" : "ROLLBACK");
      } finally {
        await runner.release();
      }
    };
    let cursor: string | null = null;
    try {
      if (opts.snapshot) await runner.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const after = opts.after?.trim() || null;
      cursor = after && /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(after) ? await this.cursorOf(runner, assertUuid(after, "after")) : after;
      // The first page checks the cursor and the filter (BAD_USER_INPUT) before anything is streamed.
      const first = buildPageQuery(q, { limit: 0, backward: false, after: cursor, before: null });
      await runner.query(first.sql, first.params);
    } catch (err) {
      await release(false);
      throw err;
    }
    // The embedded database's single session is released between pages, so other requests interleave.
    if (!opts.snapshot) await release(true);
    const ds = this.ds;
    let rows = 0;
    let complete = false;
    return {
      async *pages(): AsyncGenerator<ExportRow[]> {
        try {
          for (;;) {
            const want = opts.limit != null ? Math.min(pageRows, opts.limit - rows) : pageRows;
            if (want <= 0) break;
            const page = buildPageQuery(q, { limit: want, backward: false, after: cursor, before: null });
            const raw: Array<Record<string, unknown>> = opts.snapshot ? await runner.query(page.sql, page.params) : await ds.query(page.sql, page.params);
            const kept = raw.slice(0, want);
            if (kept.length) {
              const last = kept[kept.length - 1];
              cursor = encodeCursor([0, 1, 2, 3].map((i) => last[`__k${i}`] as string));
              rows += kept.length;
              yield kept.map((r) => Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, (r[c] as string | number | null) ?? null])) as ExportRow);
            }
            if (raw.length <= want) {
              complete = true;
              break;
            }
          }
          await release(true);
        } finally {
          await release(false);
        }
      },
      end: () => ({ cursor, rows, complete }),
      /** Ends the export early (the client went away). */
      abort: () => release(false),
    };
  }
}
