// Fills the database at DATABASE_URL with the benchmark's synthetic corpus:
// `npm run corpus -- --articles 10000 [--seed 1] [--reset]`. Migrations run first; deterministic per seed.
import "reflect-metadata";
import { Command, InvalidArgumentError } from "commander";
import { loadConfig } from "../src/config";
import { generateCorpus } from "../bench/corpus/corpus";
import { openDatabase } from "../src/db/database";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive whole number");
  return n;
}

async function main(): Promise<void> {
  const opts = new Command("corpus")
    .description("Fill DATABASE_URL with a deterministic synthetic news corpus (outlets, speakers, articles, quotes, reactions, comments).")
    .option("--articles <n>", "articles to generate; the rest scales with it", positiveInt, 10_000)
    .option("--seed <n>", "random seed", positiveInt, 1)
    .option("--reset", "empty the news tables first instead of refusing a non-empty database", false)
    .parse(process.argv)
    .opts<{ articles: number; seed: number; reset: boolean }>();
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error("Set DATABASE_URL to the PostgreSQL database to fill (the corpus is too big for the embedded one).");
  const started = Date.now();
  const db = await openDatabase({ url: config.DATABASE_URL, poolSize: 2 });
  try {
    const counts = await generateCorpus(db.dataSource, {
      articles: opts.articles,
      seed: opts.seed,
      reset: opts.reset,
      onProgress: (done, total) => process.stderr.write(`\r${done}/${total} articles`),
    });
    process.stderr.write("\n");
    console.log(`corpus loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
