// The `newsgraph` command line: serve, migrate, seed, print-schema.
import "reflect-metadata";
import { Command } from "commander";
import { loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { seed } from "../seed/seed";
import { printNewsSchema } from "../graphql/schema";
import { DEFAULT_CONCURRENCY, extractCommand, ingestCommand } from "./ingest";
import { serve } from "./serve";
import { registerReattributeCommand } from "./reattribute";
import { registerTokenCommand } from "./token";
import { registerSourcesCommand } from "./sources";
import { registerWorkerCommand } from "./worker";
import { registerExportCommand } from "./export";
import { registerSpeakersCommand } from "./speakers";

export async function main(argv: string[]): Promise<void> {
  const program = new Command("newsgraph").description("newsgraph: a GraphQL gateway for news — who said what, and how the public reacted.");

  program.command("serve").description("Serve GraphQL at /graphql (migrates and seeds an empty database first).").action(serve);

  program
    .command("migrate")
    .description("Apply pending database migrations and exit.")
    .action(async () => {
      const db = await openConfiguredDatabase(loadConfig(), { migrate: false });
      try {
        const applied = await db.dataSource.runMigrations({ transaction: "each" });
        console.log(applied.length ? `applied ${applied.map((m) => m.name).join(", ")}` : "database is up to date");
      } finally {
        await db.close();
      }
    });

  program
    .command("seed")
    .description("Load the seed article (idempotent).")
    .action(async () => {
      const db = await openConfiguredDatabase(loadConfig());
      try {
        const r = await seed(db.dataSource);
        console.log(`${r.created ? "stored" : "updated"} "${r.article.title}": ${r.quotes} quotes, ${r.speakers} speakers, ${r.reactions} reactions`);
      } finally {
        await db.close();
      }
    });

  registerTokenCommand(program);
  registerSourcesCommand(program);
  registerWorkerCommand(program);
  registerReattributeCommand(program);
  registerExportCommand(program);
  registerSpeakersCommand(program);

  program
    .command("extract")
    .description("Print the article, speakers, quotes and reactions found in FILE (or - for standard input) as JSON; stores nothing.")
    .argument("<file>", "a text, JSON, RSS, Atom or HTML file, or - for standard input")
    .option("-f, --format <format>", "input format when the file name does not tell it: text, json, rss, atom, html or feed")
    .action(extractCommand);

  program
    .command("ingest")
    .description("Store every article found in the given files and folders (text, JSON, RSS, Atom, HTML). Safe to run again.")
    .argument("<paths...>", "files and folders")
    .option("-f, --format <format>", "force one input format for every file")
    .option("-c, --concurrency <n>", "articles stored at once on a PostgreSQL server, at most DB_POOL_SIZE (the embedded database takes one)", String(DEFAULT_CONCURRENCY))
    .action(ingestCommand);

  program
    .command("print-schema")
    .description("Print the GraphQL schema (SDL) to stdout.")
    .action(async () => {
      process.stdout.write(await printNewsSchema());
    });

  await program.parseAsync(argv);
}
