// `newsgraph reattribute`: re-runs extraction over every stored article after the rules improve.
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import { loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { reattributeArticles } from "../ingest/reattribute";
import { sharedCacheChanges } from "../cache/content-changes";
import { createLogger } from "../logger";

interface ReattributeCliOptions {
  batchSize: string;
}

function checkBatchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    process.stderr.write(`BAD_USER_INPUT: --batch-size must be a whole number from 1 to 10000 (got "${value}")\n`);
    process.exit(2);
  }
  return n;
}

export function registerReattributeCommand(program: Command): void {
  program
    .command("reattribute")
    .description("Re-run quote extraction over every stored article: speakers, quotes and their evidence are updated in place; speakers set by an editor stay as set.")
    .option("-b, --batch-size <n>", "articles read per batch", "200")
    .action(async (opts: ReattributeCliOptions) => {
      const batchSize = checkBatchSize(opts.batchSize);
      const config = loadConfig();
      const db = await openConfiguredDatabase(config);
      // Changed articles drop what the servers' shared response cache holds of them (RESPONSE_CACHE with REDIS_URL).
      const cache = await sharedCacheChanges(config, createLogger(config.LOG_LEVEL));
      const invalidations: Array<Promise<void>> = [];
      const tty = Boolean(process.stderr.isTTY);
      const bar = tty ? new SingleBar({ format: "reattribute [{bar}] {value}/{total} articles | {changed} speakers changed", hideCursor: true }, Presets.shades_classic) : null;
      const started = Date.now();
      try {
        let begun = false;
        const r = await reattributeArticles(db.dataSource, {
          batchSize,
          onArticle: (id) => invalidations.push(cache.changes.dependentsOf(db.dataSource, id).then((d) => (d ? cache.changes.article(d) : undefined))),
          onProgress: (done, total, so) => {
            if (!begun) bar?.start(total, 0, { changed: 0 });
            begun = true;
            bar?.update(done, { changed: so.speakersChanged });
            if (!tty && done > 0) process.stderr.write(`reattribute: ${done}/${total} articles\n`);
          },
        });
        bar?.stop();
        await Promise.all(invalidations);
        process.stdout.write(
          `reattributed ${r.articles} articles: ${r.quotes} quotes, ${r.speakersChanged} speakers changed, ${r.editorKept} set by editors kept, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      } finally {
        bar?.stop();
        await Promise.allSettled(invalidations);
        await cache.close();
        await db.close();
      }
    });
}
