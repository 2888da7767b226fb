// The two export formats: CSV (RFC 4180: a header row, fields quoted when they hold a comma, quote or line
// break, CRLF line ends, UTF-8) and JSON Lines (one object per line). Rows are written as they come; the
// end of an export is a trailer: a last JSON line in JSON Lines, HTTP trailers in both.
import type { ExportRow } from "./quote-export.service";
import { EXPORT_COLUMNS } from "./quote-export.service";

export type ExportFormat = "csv" | "jsonl";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8; header=present",
  jsonl: "application/jsonl; charset=utf-8",
};

/** One CSV field per RFC 4180: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

export interface ExportEnd {
  /** Pass as `after=` to continue after the last row written; null when no row was written. */
  cursor: string | null;
  rows: number;
  /** True when every matching row was written (no `limit` cut it short). */
  complete: boolean;
}

export interface ExportWriter {
  header(): string;
  row(r: ExportRow): string;
  /** The closing line (JSON Lines only; CSV keeps to its columns and carries the end in HTTP trailers). */
  end(e: ExportEnd): string;
  /** A refusal, in the format asked for. */
  error(code: string, message: string): string;
}

export function exportWriter(format: ExportFormat): ExportWriter {
  if (format === "csv") {
    return {
      header: () => csvLine(EXPORT_COLUMNS),
      row: (r) => csvLine(EXPORT_COLUMNS.map((c) => r[c])),
      end: () => "",
      error: (code, message) => csvLine(["error_code", "message"]) + csvLine([code, message]),
    };
  }
  return {
    header: () => "",
    row: (r) => JSON.stringify(r) + "\n",
    end: (e) => JSON.stringify({ _export: e }) + "\n",
    error: (code, message) => JSON.stringify({ errors: [{ message, extensions: { code } }] }) + "\n",
  };
}
