// GET /export/quotes: every quote a filter matches, streamed as CSV or JSON Lines (see
// src/export/quote-export.service.ts for the snapshot and the keyset paging, docs/analytics.md for use).
//
//   filter    the quotes list's QuoteFilterInput as JSON, or the same fields as parameters
//             (speakerName=Putin&publishedAfter=2025-01-01T00:00:00Z)
//   format    csv | jsonl (else the Accept header: text/csv, application/jsonl or application/x-ndjson; CSV by default)
//   after     continue after this cursor (from a previous export's end) or quote id (the last row received)
//   limit     stop after this many rows
// gzip when the request accepts it. The end is in HTTP trailers (X-Export-Cursor, X-Export-Rows,
// X-Export-Complete) and, in JSON Lines, in a last line {"_export": {...}}.
// Who: analysts, editors and admins by token (editors and admins include drafts); anyone else gets
// public data only, EXPORT_ANONYMOUS_RATE_LIMIT exports per window and address. Refusals are coded
// errors in the format asked for.
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createGzip } from "node:zlib";
import type { Express, Request } from "express";
import type { Logger } from "pino";
import type { Config } from "../config";
import { hasRole } from "../auth/roles";
import { viewerFromHeaders } from "../auth/viewer";
import { PUBLIC_VISIBILITY, visibilityFor } from "../auth/visibility";
import type { Database } from "../db/database";
import { BadUserInputError, CodedError, UnauthenticatedError } from "../errors";
import { CONTENT_TYPES, exportWriter, type ExportFormat } from "../export/export-formats";
import { filterFromParams } from "../export/export-filter";
import { QuoteExportService } from "../export/quote-export.service";
import type { Services } from "../services";

const RESERVED = new Set(["filter", "format", "after", "limit"]);
const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

export interface ExportDeps {
  config: Config;
  db: Database;
  services: Services;
  logger: Logger;
  clock?: () => Date;
}

/** The format asked for: `format=`, else the Accept header, else CSV. */
export function exportFormat(format: unknown, accept: string | undefined): ExportFormat {
  if (format !== undefined) {
    const f = String(format).toLowerCase();
    if (f === "csv") return "csv";
    if (f === "jsonl" || f === "ndjson") return "jsonl";
    throw new BadUserInputError("format must be csv or jsonl.", "format");
  }
  const a = (accept ?? "").toLowerCase();
  if (/application\/(jsonl|x-ndjson|x-jsonlines|json-lines|json)\b/.test(a) && !/text\/csv/.test(a)) return "jsonl";
  return "csv";
}

function acceptsGzip(req: IncomingMessage): boolean {
  const ae = String(req.headers["accept-encoding"] ?? "");
  return /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(ae);
}

function single(name: string, value: unknown): string {
  if (typeof value !== "string") throw new BadUserInputError(`${name} must be given once, as text.`, name);
  return value;
}

export function mountExport(app: Express, deps: ExportDeps): void {
  const exporter = new QuoteExportService(deps.db.dataSource, deps.services.quotes);
  const logger = deps.logger.child({ component: "export" });

  app.get("/export/quotes", async (req: Request, res: ServerResponse) => {
    const query = req.query as Record<string, unknown>;
    let format: ExportFormat = "csv";
    const refuse = (err: unknown) => {
      const coded = err instanceof CodedError ? err : null;
      const code = String(coded?.extensions.code ?? "INTERNAL_SERVER_ERROR");
      if (!coded) logger.error({ err }, "export failed");
      const message = coded ? coded.message : "The export failed; try again.";
      res.statusCode = STATUS[code] ?? 500;
      const retry = coded?.extensions.retryAfter;
      if (retry !== undefined) res.setHeader("Retry-After", String(retry));
      res.setHeader("Content-Type", CONTENT_TYPES[format]);
      res.setHeader("Cache-Control", "no-store");
      res.end(exportWriter(format).error(code, message));
    };
    let pages: Awaited<ReturnType<QuoteExportService["open"]>>;
    try {
      format = exportFormat(query.format, req.headers.accept);
      const now = deps.clock?.() ?? new Date();
      const viewer = await viewerFromHeaders(req.headers, deps.config, now);
      const privileged = hasRole(viewer, "ANALYST") || hasRole(viewer, "EDITOR");
      if (!privileged) {
        if (deps.config.EXPORT_ANONYMOUS_RATE_LIMIT === 0) throw new UnauthenticatedError("Exports need an analyst, editor or admin token.");
        await deps.services.rateLimits.consume("export", viewer ? `user:${viewer.id}` : `ip:${req.socket.remoteAddress ?? "unknown"}`, now);
      }
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(query)) if (!RESERVED.has(name)) params[name] = single(name, value);
      const filter = filterFromParams(query.filter === undefined ? undefined : single("filter", query.filter), params);
      const limit = query.limit === undefined ? null : Number(single("limit", query.limit));
      if (limit !== null && !Number.isSafeInteger(limit)) throw new BadUserInputError("limit must be a whole number of at least 1.", "limit");
      const after = query.after === undefined ? null : single("after", query.after);
      pages = await exporter.open(filter, privileged ? visibilityFor(viewer) : PUBLIC_VISIBILITY, { after, limit, snapshot: !deps.db.embedded });
    } catch (err) {
      refuse(err);
      return;
    }

    const writer = exportWriter(format);
    const gzip = acceptsGzip(req);
    res.statusCode = 200;
    res.setHeader("Content-Type", CONTENT_TYPES[format]);
    res.setHeader("Content-Disposition", `attachment; filename="quotes.${format}"`);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Vary", "Accept, Accept-Encoding");
    res.setHeader("Trailer", "X-Export-Cursor, X-Export-Rows, X-Export-Complete");
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    const z = gzip ? createGzip() : null;
    if (z) z.pipe(res, { end: false });
    const out = z ?? res;
    let gone = false;
    res.on("close", () => {
      if (!res.writableFinished) gone = true;
    });
    const write = async (text: string) => {
      if (text && !out.write(text)) await Promise.race([once(out, "drain"), once(res, "close")]);
    };
    const started = Date.now();
    try {
      await write(writer.header());
      for await (const rows of pages.pages()) {
        if (gone) break;
        let chunk = "";
        for (const r of rows) chunk += writer.row(r);
        await write(chunk);
      }
      if (gone) return;
      const end = pages.end();
      await write(writer.end(end));
      if (z) {
        z.end();
        await once(z, "end");
      }
      res.addTrailers({ "X-Export-Cursor": end.cursor ?? "", "X-Export-Rows": String(end.rows), "X-Export-Complete": String(end.complete) });
      res.end();
      logger.info({ rows: end.rows, complete: end.complete, format, gzip, ms: Date.now() - started }, "export");
    } catch (err) {
      // Headers are gone: the client sees a cut-off body without trailers, and resumes from its last row.
      logger.error({ err }, "export failed while streaming");
      await pages.abort().catch(() => {});
      res.destroy();
    } finally {
      if (gone) await pages.abort().catch(() => {});
    }
  });
}
