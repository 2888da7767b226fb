// `newsgraph export --speaker "Vladimir Putin" --format csv --out putin.csv`: the bulk export of
// GET /export/quotes from the command line, straight from the database (same filter, same columns, same
// snapshot and keyset paging: src/export/quote-export.service.ts), with a progress bar on a terminal.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import { FULL_VISIBILITY, PUBLIC_VISIBILITY } from "../auth/visibility";
import { loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { CodedError } from "../errors";
import { exportWriter, type ExportFormat } from "../export/export-formats";
import { filterFromParams } from "../export/export-filter";
import { QuoteExportService } from "../export/quote-export.service";
import { QuoteService } from "../quotes/quote.service";

interface ExportOptions {
  filter?: string;
  speaker?: string;
  speakerId?: string;
  outlet?: string;
  topic?: string;
  language?: string;
  kind?: string;
  speakerKind?: string;
  hasSpeaker?: string;
  search?: string;
  publishedAfter?: string;
  publishedBefore?: string;
  format: string;
  out?: string;
  gzip?: boolean;
  after?: string;
  limit?: string;
  drafts?: boolean;
}

/** The filter fields the options name (as GET /export/quotes's parameters). */
function filterParams(o: ExportOptions): Record<string, string> {
  const pairs: Array<[string, string | undefined]> = [
    ["speakerName", o.speaker],
    ["speakerId", o.speakerId],
    ["outletSlug", o.outlet],
    ["topic", o.topic],
    ["language", o.language],
    ["kind", o.kind],
    ["speakerKind", o.speakerKind],
    ["hasSpeaker", o.hasSpeaker],
    ["search", o.search],
    ["publishedAfter", o.publishedAfter],
    ["publishedBefore", o.publishedBefore],
  ];
  return Object.fromEntries(pairs.filter((p): p is [string, string] => p[1] !== undefined));
}

async function write(out: Writable, text: string): Promise<void> {
  if (text && !out.write(text)) await once(out, "drain");
}

export async function exportCommand(o: ExportOptions): Promise<void> {
  const format = o.format.toLowerCase();
  if (format !== "csv" && format !== "jsonl") throw new Error(`--format must be csv or jsonl, not "${o.format}".`);
  const limit = o.limit === undefined ? null : Number(o.limit);
  let filter;
  try {
    filter = filterFromParams(o.filter, filterParams(o));
  } catch (err) {
    if (err instanceof CodedError) throw new Error(err.message, { cause: err });
    throw err;
  }
  const db = await openConfiguredDatabase(loadConfig());
  const tty = Boolean(process.stderr.isTTY);
  const bar = tty ? new SingleBar({ format: "export [{bar}] {value}/{total} quotes | {rate} quotes/s", hideCursor: true }, Presets.shades_classic) : null;
  try {
    const exporter = new QuoteExportService(db.dataSource, new QuoteService(db.dataSource));
    const vis = o.drafts ? FULL_VISIBILITY : PUBLIC_VISIBILITY;
    let run;
    try {
      run = await exporter.open(filter, vis, { after: o.after, limit, snapshot: !db.embedded });
    } catch (err) {
      if (err instanceof CodedError) throw new Error(err.message, { cause: err });
      throw err;
    }
    const total = bar ? Math.min(await exporter.count(filter, vis), limit ?? Number.POSITIVE_INFINITY) : 0;
    const file = o.out && o.out !== "-" ? createWriteStream(o.out) : null;
    const z = o.gzip ? createGzip() : null;
    if (z) z.pipe(file ?? process.stdout);
    const out: Writable = z ?? file ?? process.stdout;
    const writer = exportWriter(format as ExportFormat);
    const started = Date.now();
    bar?.start(total, 0, { rate: 0 });
    await write(out, writer.header());
    let rows = 0;
    for await (const page of run.pages()) {
      let chunk = "";
      for (const r of page) chunk += writer.row(r);
      await write(out, chunk);
      rows += page.length;
      bar?.update(rows, { rate: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)) });
    }
    const end = run.end();
    await write(out, writer.end(end));
    bar?.stop();
    if (z) {
      z.end();
      await once(z, "end");
    }
    if (file) {
      if (!z) file.end();
      await once(file, "finish").catch(() => {});
    }
    const secs = (Date.now() - started) / 1000;
    // The summary goes to stderr: stdout may be the export itself.
    process.stderr.write(
      `exported ${end.rows} quotes in ${secs.toFixed(1)} s${o.out && o.out !== "-" ? ` to ${o.out}` : ""}` + (end.complete ? "\n" : `; more remain: continue with --after ${end.cursor}\n`),
    );
  } finally {
    bar?.stop();
    await db.close();
  }
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("Export quotes as CSV or JSON Lines (the same rows and columns as GET /export/quotes), to a file or standard output.")
    .option("--speaker <name>", "quotes by the speaker with this name or alias")
    .option("--speaker-id <id>", "quotes by this speaker")
    .option("--outlet <slug>", "quotes in articles from this outlet")
    .option("--topic <topic>", "quotes in articles with this topic")
    .option("--language <tag>", "quotes in articles in this language, e.g. en")
    .option("--kind <kind>", "DIRECT, PARTIAL or INDIRECT")
    .option("--speaker-kind <kind>", "PERSON, ORGANIZATION or GROUP")
    .option("--has-speaker <bool>", "true: only quotes with a speaker; false: only those without")
    .option("--search <words>", "full-text search over the quotes")
    .option("--published-after <time>", "articles published at or after, e.g. 2025-01-01T00:00:00Z")
    .option("--published-before <time>", "articles published at or before")
    .option("--filter <json>", "the quotes list's filter as JSON (QuoteFilterInput)")
    .option("-f, --format <format>", "csv or jsonl", "csv")
    .option("-o, --out <file>", "write to FILE (default: standard output)")
    .option("--gzip", "gzip the output")
    .option("--after <cursor>", "continue after this cursor or quote id")
    .option("--limit <n>", "stop after N quotes")
    .option("--drafts", "include quotes of draft articles (the command reads the database directly, as its operator)")
    .action(exportCommand);
}
