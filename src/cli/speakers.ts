// `newsgraph speakers enrich FILE`: links speakers to Wikidata and sets their facets from an entity
// extract the user downloaded (Wikidata's JSON dump format; plain, gzip or bzip2). See
// src/speakers/speaker-enrich.service.ts for the rules; ambiguous names are reported, never guessed.
import type { Command } from "commander";
import { loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { CodedError } from "../errors";
import { enrichSpeakers, type EnrichLine } from "../speakers/speaker-enrich.service";

function describe(l: EnrichLine): string | null {
  switch (l.outcome) {
    case "linked":
      return `linked     ${l.name} → ${l.wikidataId}`;
    case "updated":
      return `updated    ${l.name} (${l.wikidataId})`;
    case "ambiguous":
      return `ambiguous  ${l.name}: ${l.candidates!.join(", ")} share the name; link one by hand (updateSpeaker wikidataId)`;
    case "conflict":
      return `conflict   ${l.name}: ${l.wikidataId} already belongs to ${l.candidates![0]}; merge the two speakers or fix the link`;
    case "editor":
      return `kept       ${l.name}: an editor's link${l.wikidataId ? ` (${l.wikidataId})` : " removal"} is not replaced`;
    default:
      return null;
  }
}

export async function enrichCommand(file: string, options: { dryRun?: boolean }): Promise<void> {
  const db = await openConfiguredDatabase(loadConfig());
  try {
    const report = await enrichSpeakers(db.dataSource, file, { dryRun: options.dryRun });
    for (const l of report.lines) {
      const text = describe(l);
      if (text) process.stdout.write(text + "\n");
    }
    const c = report.counts;
    process.stdout.write(
      `${options.dryRun ? "would link" : "linked"} ${c.linked}, updated ${c.updated}, ambiguous ${c.ambiguous}, conflicts ${c.conflict}, ` +
        `kept editors' links ${c.editor}, unmatched ${c.unmatched} (read ${report.entities} entities, ${report.humans} matching humans)\n`,
    );
  } catch (err) {
    if (err instanceof CodedError) throw new Error(err.message, { cause: err });
    throw err;
  } finally {
    await db.close();
  }
}

export function registerSpeakersCommand(program: Command): void {
  const speakers = program.command("speakers").description("Work on the speaker records.");
  speakers
    .command("enrich")
    .description(
      "Link speakers to Wikidata humans by name and aliases and set gender, occupations, party, country and date of birth, from a Wikidata JSON dump extract (plain, .gz or .bz2) you downloaded.",
    )
    .argument("<file>", "the extract: Wikidata's JSON dump format, one entity per line")
    .option("--dry-run", "report what would change, change nothing")
    .action(enrichCommand);
}
