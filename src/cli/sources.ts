// `newsgraph sources add URL --outlet SLUG --every 10m`, `sources list`, `sources remove ID|URL`: the
// command-line side of the editors' sources (the same rules as the GraphQL mutations).
import type { Command } from "commander";
import { loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { formatDuration } from "../sources/duration";
import { SourceService, type SourceKind } from "../sources/source.service";

async function withSources<T>(run: (sources: SourceService) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openConfiguredDatabase(config);
  try {
    return await run(new SourceService(db.dataSource, { allowPrivate: config.SOURCES_ALLOW_PRIVATE, minIntervalSeconds: config.SOURCES_MIN_INTERVAL_SECONDS }));
  } finally {
    await db.close();
  }
}

const iso = (d: Date | string | null): string => (d ? new Date(d).toISOString().replace(/\.\d{3}Z$/, "Z") : "-");

export function registerSourcesCommand(program: Command): void {
  const sources = program.command("sources").description("Manage the feeds and sitemaps newsgraph polls by itself.");
  sources
    .command("add")
    .description("Add a feed (RSS, Atom, JSON Feed) or sitemap to poll.")
    .argument("<url>", "the feed or sitemap URL")
    .option("-o, --outlet <slug>", "the outlet its articles belong to (created if new)")
    .option("-e, --every <duration>", "poll interval, e.g. 90s, 10m, 1h", "15m")
    .option("--sitemap", "the URL is a sitemap, not a feed")
    .action(async (url: string, opts: { outlet?: string; every: string; sitemap?: boolean }) => {
      const s = await withSources((svc) => svc.add({ url, outlet: opts.outlet, every: opts.every, kind: (opts.sitemap ? "SITEMAP" : "FEED") as SourceKind }, "cli"));
      console.log(`added ${s.id} ${s.url} every ${formatDuration(s.intervalSeconds)}`);
    });
  sources
    .command("list")
    .description("List the sources with their state.")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const list = await withSources((svc) => svc.list({ first: 1000 }));
      if (opts.json) return void console.log(JSON.stringify(list, null, 2));
      for (const s of list) {
        const state = s.lastErrorCode ? `${s.lastErrorCode} ×${s.consecutiveFailures}` : s.lastStatus ? String(s.lastStatus) : "new";
        console.log(
          `${s.id}  ${s.enabled ? "on " : "off"}  ${formatDuration(s.intervalSeconds).padStart(4)}  ${state.padEnd(20)}  last ${iso(s.lastFetchedAt)}  next ${iso(s.nextDueAt)}  ${s.itemsStored} items  ${s.url}`,
        );
      }
      if (!list.length) console.log("no sources yet: add one with `newsgraph sources add URL --outlet SLUG --every 10m`");
    });
  sources
    .command("remove")
    .description("Remove a source (its stored articles stay).")
    .argument("<source>", "the source's id or URL")
    .action(async (which: string) => {
      await withSources(async (svc) => {
        const s = await svc.find(which);
        if (!s) throw new Error(`no source ${which}`);
        await svc.remove(s.id);
        console.log(`removed ${s.id} ${s.url}`);
      });
    });
}
