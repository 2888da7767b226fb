// `newsgraph speakers enrich FILE`: links speakers to Wikidata humans (P31 = Q5) by name and aliases and
// sets their facets: gender (P21), occupations (P106), party (P102), country of citizenship (P27) and
// date of birth (P569). Two passes over the extract: the first finds the humans whose labels or aliases
// are a speaker's name (or who already carry a speaker's Wikidata id) and notes the items their claims
// name; the second reads those items' labels (e.g. Q82955 → politician). Memory holds the matched humans
// and those labels only, never the dump.
//
// Rules: a speaker already linked (by ingest or an earlier run) stays with its id; an editor's link
// (wikidata_linked_by = 'EDITOR', an unlink included) is never replaced; two or more humans with the
// speaker's name are reported as ambiguous and nothing is guessed; an id another speaker holds is
// reported as a conflict. Facets Wikidata has replace the stored ones; those it lacks are left as they are.
import type { DataSource } from "typeorm";
import { birthDate, entityLabel, entityNames, itemValues, readWikidataEntities, type WikidataEntity } from "./wikidata-dump";

/** Labels for the gender items almost every human carries, should the extract not include them. */
const GENDERS: Record<string, string> = {
  Q6581097: "male",
  Q6581072: "female",
  Q1097630: "intersex",
  Q48270: "non-binary",
  Q1052281: "trans woman",
  Q2449503: "trans man",
};

interface Human {
  id: string;
  gender: string | null;
  occupations: string[];
  party: string | null;
  country: string | null;
  dateOfBirth: string | null;
}

interface SpeakerRow {
  id: string;
  name: string;
  aliases: string[];
  wikidata_id: string | null;
  wikidata_linked_by: string | null;
}

export type EnrichOutcome = "linked" | "updated" | "ambiguous" | "conflict" | "unmatched" | "editor";

export interface EnrichLine {
  speakerId: string;
  name: string;
  outcome: EnrichOutcome;
  wikidataId?: string;
  /** The humans that share the name (ambiguous), or the speaker holding the id (conflict). */
  candidates?: string[];
}

export interface EnrichReport {
  entities: number;
  humans: number;
  lines: EnrichLine[];
  counts: Record<EnrichOutcome, number>;
}

function isHuman(e: WikidataEntity): boolean {
  return itemValues(e, "P31").includes("Q5");
}

/** The names a speaker is matched by: the canonical name, and aliases of two words or more ("Putin" alone names too many). */
function matchNames(s: SpeakerRow): string[] {
  const names = [s.name, ...s.aliases.filter((a) => a.trim().includes(" "))];
  return [...new Set(names.map((n) => n.trim().toLowerCase()))];
}

export async function enrichSpeakers(ds: DataSource, file: string, options: { dryRun?: boolean } = {}): Promise<EnrichReport> {
  const speakers: SpeakerRow[] = await ds.query(`SELECT id, name, aliases, wikidata_id, wikidata_linked_by FROM speakers WHERE kind = 'PERSON' ORDER BY name, id`);
  const byName = new Map<string, SpeakerRow[]>();
  for (const s of speakers) for (const n of matchNames(s)) byName.set(n, [...(byName.get(n) ?? []), s]);
  const linkedIds = new Set(speakers.map((s) => s.wikidata_id).filter((x): x is string => Boolean(x)));

  // Pass 1: the humans that matter, and the items their claims name.
  const humans = new Map<string, Human>();
  const candidates = new Map<string, Set<string>>(); // speaker id → human ids by name
  const wanted = new Set<string>();
  let entities = 0;
  for await (const e of readWikidataEntities(file)) {
    entities++;
    if (!isHuman(e)) continue;
    const bySpeakerId = linkedIds.has(e.id);
    const named = [...entityNames(e)].flatMap((n) => byName.get(n) ?? []);
    if (!bySpeakerId && named.length === 0) continue;
    const h: Human = {
      id: e.id,
      gender: itemValues(e, "P21")[0] ?? null,
      occupations: itemValues(e, "P106"),
      party: itemValues(e, "P102", true)[0] ?? null,
      country: itemValues(e, "P27", true)[0] ?? null,
      dateOfBirth: birthDate(e),
    };
    humans.set(e.id, h);
    for (const s of named) candidates.set(s.id, (candidates.get(s.id) ?? new Set()).add(e.id));
    for (const q of [h.gender, h.party, h.country, ...h.occupations]) if (q) wanted.add(q);
  }
  // Pass 2: labels of the items named.
  const labels = new Map<string, string>();
  if (wanted.size) {
    for await (const e of readWikidataEntities(file)) {
      if (wanted.has(e.id)) {
        const label = entityLabel(e);
        if (label) labels.set(e.id, label);
      }
    }
  }
  const label = (q: string | null) => (q ? (labels.get(q) ?? GENDERS[q] ?? q) : null);

  const lines: EnrichLine[] = [];
  const updates: Array<{ s: SpeakerRow; h: Human; link: boolean }> = [];
  const holder = new Map(speakers.filter((s) => s.wikidata_id).map((s) => [s.wikidata_id!, s]));
  for (const s of speakers) {
    const line = (outcome: EnrichOutcome, extra: Partial<EnrichLine> = {}) => lines.push({ speakerId: s.id, name: s.name, outcome, ...extra });
    if (s.wikidata_id) {
      // Linked already (an editor's link included): keep the id, refresh the facets when the extract has it.
      const h = humans.get(s.wikidata_id);
      if (h) {
        updates.push({ s, h, link: false });
        line("updated", { wikidataId: h.id });
      } else if (s.wikidata_linked_by === "EDITOR") line("editor", { wikidataId: s.wikidata_id });
      else line("unmatched", { wikidataId: s.wikidata_id });
      continue;
    }
    if (s.wikidata_linked_by === "EDITOR") {
      line("editor"); // an editor removed the link: leave it removed
      continue;
    }
    const found = [...(candidates.get(s.id) ?? [])].sort();
    if (found.length === 0) line("unmatched");
    else if (found.length > 1) line("ambiguous", { candidates: found });
    else if (holder.has(found[0]) && holder.get(found[0])!.id !== s.id) line("conflict", { wikidataId: found[0], candidates: [holder.get(found[0])!.name] });
    else {
      updates.push({ s, h: humans.get(found[0])!, link: true });
      holder.set(found[0], s);
      line("linked", { wikidataId: found[0] });
    }
  }

  if (!options.dryRun && updates.length) {
    await ds.transaction(async (m) => {
      for (const { s, h, link } of updates) {
        const occupations = h.occupations.map((q) => label(q)!).filter(Boolean);
        await m.query(
          `UPDATE speakers SET
             wikidata_id = CASE WHEN $2 THEN $3 ELSE wikidata_id END,
             wikidata_linked_by = CASE WHEN $2 THEN 'WIKIDATA_ENRICH' ELSE wikidata_linked_by END,
             gender = coalesce($4, gender), occupations = CASE WHEN cardinality($5::text[]) > 0 THEN $5::text[] ELSE occupations END,
             party = coalesce($6, party), country = coalesce($7, country), date_of_birth = coalesce($8, date_of_birth)
           WHERE id = $1`,
          [s.id, link, h.id, label(h.gender), occupations, label(h.party), label(h.country), h.dateOfBirth],
        );
      }
    });
  }
  const counts = { linked: 0, updated: 0, ambiguous: 0, conflict: 0, unmatched: 0, editor: 0 } as Record<EnrichOutcome, number>;
  for (const l of lines) counts[l.outcome]++;
  return { entities, humans: humans.size, lines, counts };
}
