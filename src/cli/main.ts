// The `newsgraph` command line: serve, migrate, seed, print-schema.
import "reflect-metadata";
import { Command } from "commander";
import { loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { seed } from "../db/seed/seed";
import { printNewsSchema } from "../graphql/schema";
import { serve } from "./serve";

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

  program
    .command("print-schema")
    .description("Print the GraphQL schema (SDL) to stdout.")
    .action(async () => {
      process.stdout.write(await printNewsSchema());
    });

  await program.parseAsync(argv);
}
