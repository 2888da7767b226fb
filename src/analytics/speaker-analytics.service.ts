// The speaker page analysts open first: a speaker's quotes per period (a timeline with empty periods
// filled in, ready to plot), the outlets that quote them, and the speakers quoted in the same articles.
// Each is one SQL statement for a whole batch of speakers (the request's DataLoaders call these), over
// QuoteService.listQuery's FROM and WHERE, so the visibility rules are the quote list's own.
import type { DataSource } from "typeorm";
import type { Visibility } from "../auth/visibility";
import { BadUserInputError } from "../errors";
import type { QuoteService } from "../quotes/quote.service";
import { quoteDateWindow } from "../quotes/quote-filter-sql";
import { SqlParams } from "../sql-params";
import type { StatsInterval } from "./quote-stats.service";

export interface TimelinePoint {
  /** Start of the period (UTC). */
  period: Date;
  count: number;
  articles: number;
  firstAt: Date | null;
  lastAt: Date | null;
}

export interface OutletCount {
  outletId: string;
  count: number;
  articles: number;
}

export interface CoQuoted {
  speakerId: string;
  sharedArticles: number;
}

export interface DateWindow {
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
}

/** Most periods one speaker's timeline may hold (DAY over 13 years): beyond, a coarser interval is asked for. */
export const MAX_TIMELINE_PERIODS = 5000;
const UNITS: Record<StatsInterval, string> = { DAY: "day", WEEK: "week", MONTH: "month", YEAR: "year" };
const APPROX_DAYS: Record<StatsInterval, number> = { DAY: 1, WEEK: 7, MONTH: 28, YEAR: 365 };

export class SpeakerAnalyticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly quotes: QuoteService,
  ) {}

  /** The quote list's FROM and WHERE for `window`, narrowed to the speakers `ids`, with its parameters. */
  private base(ids: readonly string[], window: DateWindow, vis: Visibility) {
    const list = this.quotes.listQuery({ publishedAfter: window.publishedAfter, publishedBefore: window.publishedBefore }, "NEWEST", vis);
    const p = new SqlParams();
    p.values.push(...list.params);
    const where = [...list.where, `q.speaker_id = ANY(${p.add(ids, "uuid[]")})`];
    return { p, from: list.from, where: where.join(" AND ") };
  }

  /** Each speaker's quotes per `interval` within `window`, every period from the first to the last included. */
  async timelines(ids: readonly string[], interval: StatsInterval, window: DateWindow, vis: Visibility): Promise<Map<string, TimelinePoint[]>> {
    const { after, before } = quoteDateWindow({ publishedAfter: window.publishedAfter, publishedBefore: window.publishedBefore });
    if (after && before && (before.getTime() - after.getTime()) / 86400_000 / APPROX_DAYS[interval] > MAX_TIMELINE_PERIODS) {
      throw new BadUserInputError(`That window holds more than ${MAX_TIMELINE_PERIODS} periods; ask for a coarser interval.`, "interval");
    }
    const { p, from, where } = this.base(ids, { publishedAfter: after, publishedBefore: before }, vis);
    const unit = UNITS[interval];
    // Periods as UTC timestamps without a zone, so generate_series steps by calendar units in UTC.
    const trunc = (expr: string) => `date_trunc('${unit}', ${expr} AT TIME ZONE 'UTC')`;
    const lo = after ? trunc(p.add(after, "timestamptz")) : "min(c.period)";
    const hi = before ? trunc(p.add(before, "timestamptz")) : "max(c.period)";
    const sql = `
      WITH counts AS (
        SELECT q.speaker_id AS sid, ${trunc("a.sort_at")} AS period, count(*)::int AS n, count(DISTINCT q.article_id)::int AS arts,
               min(a.sort_at) AS first_at, max(a.sort_at) AS last_at
        FROM ${from} WHERE ${where} GROUP BY 1, 2),
      spans AS (
        SELECT i.sid, ${lo} AS lo, ${hi} AS hi FROM unnest(${p.add(ids, "uuid[]")}) AS i(sid) LEFT JOIN counts c ON c.sid = i.sid GROUP BY i.sid)
      SELECT s.sid, g.period AT TIME ZONE 'UTC' AS period, coalesce(c.n, 0) AS n, coalesce(c.arts, 0) AS arts, c.first_at, c.last_at
      FROM spans s CROSS JOIN LATERAL generate_series(s.lo, s.hi, interval '1 ${unit}') AS g(period)
      LEFT JOIN counts c ON c.sid = s.sid AND c.period = g.period
      ORDER BY s.sid, g.period`;
    const rows: Array<{ sid: string; period: Date; n: number; arts: number; first_at: Date | null; last_at: Date | null }> = await this.ds.query(sql, p.values);
    const out = new Map<string, TimelinePoint[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.sid)?.push({ period: r.period, count: r.n, articles: r.arts, firstAt: r.first_at, lastAt: r.last_at });
    for (const points of out.values()) {
      if (points.length > MAX_TIMELINE_PERIODS)
        throw new BadUserInputError(`The timeline holds more than ${MAX_TIMELINE_PERIODS} periods; ask for a coarser interval or a window.`, "interval");
    }
    return out;
  }

  /** The `first` outlets quoting each speaker most, with their quote and article counts. */
  async outlets(ids: readonly string[], first: number, vis: Visibility): Promise<Map<string, OutletCount[]>> {
    const { p, from, where } = this.base(ids, {}, vis);
    const sql = `
      SELECT sid, outlet_id, n, arts FROM (
        SELECT q.speaker_id AS sid, a.outlet_id, count(*)::int AS n, count(DISTINCT q.article_id)::int AS arts,
               row_number() OVER (PARTITION BY q.speaker_id ORDER BY count(*) DESC, a.outlet_id) AS rn
        FROM ${from} WHERE ${where} AND a.outlet_id IS NOT NULL GROUP BY 1, 2) x
      WHERE rn <= ${p.add(first)} ORDER BY sid, rn`;
    const rows: Array<{ sid: string; outlet_id: string; n: number; arts: number }> = await this.ds.query(sql, p.values);
    const out = new Map<string, OutletCount[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.sid)?.push({ outletId: r.outlet_id, count: r.n, articles: r.arts });
    return out;
  }

  /** The `first` speakers quoted in the most articles that also quote each speaker, with the number of those articles. */
  async coQuoted(ids: readonly string[], first: number, vis: Visibility): Promise<Map<string, CoQuoted[]>> {
    const { p, from, where } = this.base(ids, {}, vis);
    const sql = `
      WITH mine AS (SELECT DISTINCT q.speaker_id AS sid, q.article_id FROM ${from} WHERE ${where})
      SELECT sid, other, shared FROM (
        SELECT m.sid, o.speaker_id AS other, count(DISTINCT m.article_id)::int AS shared,
               row_number() OVER (PARTITION BY m.sid ORDER BY count(DISTINCT m.article_id) DESC, o.speaker_id) AS rn
        FROM mine m JOIN quotes o ON o.article_id = m.article_id AND o.speaker_id IS NOT NULL AND o.speaker_id <> m.sid
        GROUP BY 1, 2) x
      WHERE rn <= ${p.add(first)} ORDER BY sid, rn`;
    const rows: Array<{ sid: string; other: string; shared: number }> = await this.ds.query(sql, p.values);
    const out = new Map<string, CoQuoted[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.sid)?.push({ speakerId: r.other, sharedArticles: r.shared });
    return out;
  }
}
