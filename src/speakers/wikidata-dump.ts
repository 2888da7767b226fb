// Reads a Wikidata entity extract in Wikidata's own JSON dump format: a JSON array written one entity per
// line (`[`, then `{...},` lines, the last without its comma, then `]`), plain, gzip or bzip2. Streams it
// line by line, so a dump of any size reads in constant memory. newsgraph never downloads it: the user does.
import { spawn } from "node:child_process";
import { createReadStream, existsSync, openSync, readSync, closeSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { BadUserInputError } from "../errors";

export interface WikidataSnak {
  snaktype?: string;
  datavalue?: { type?: string; value?: unknown };
}

export interface WikidataClaim {
  mainsnak?: WikidataSnak;
  rank?: "preferred" | "normal" | "deprecated";
  qualifiers?: Record<string, WikidataSnak[]>;
}

export interface WikidataEntity {
  id: string;
  type?: string;
  labels?: Record<string, { language: string; value: string }>;
  aliases?: Record<string, Array<{ language: string; value: string }>>;
  claims?: Record<string, WikidataClaim[]>;
}

function magic(path: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const b = Buffer.alloc(3);
    readSync(fd, b, 0, 3, 0);
    return b;
  } finally {
    closeSync(fd);
  }
}

/** The decompressed text of `path`: gzip by zlib, bzip2 by the system's `bzip2` (no well-kept npm decoder streams it as fast). */
function open(path: string): Readable {
  if (!existsSync(path)) throw new BadUserInputError(`${path} does not exist.`, "file");
  const m = magic(path);
  if (m[0] === 0x1f && m[1] === 0x8b) return createReadStream(path).pipe(createGunzip());
  if (m.toString("latin1") === "BZh") {
    const child = spawn("bzip2", ["-dc", path], { stdio: ["ignore", "pipe", "pipe"] });
    const out = child.stdout;
    child.on("error", (err: NodeJS.ErrnoException) =>
      out.destroy(
        err.code === "ENOENT"
          ? new BadUserInputError(`${path} is bzip2-compressed and the bzip2 program is not installed: install it (apt-get install bzip2) or decompress the file first.`, "file")
          : err,
      ),
    );
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    child.on("close", (code) => {
      if (code) out.destroy(new BadUserInputError(`${path}: bzip2 could not decompress it: ${stderr.trim()}`, "file"));
    });
    return out;
  }
  return createReadStream(path);
}

/** Every entity of the extract at `path`, in file order. A line that is not an entity is a BAD_USER_INPUT naming it. */
export async function* readWikidataEntities(path: string): AsyncGenerator<WikidataEntity> {
  const lines = createInterface({ input: open(path), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    let line = raw.trim();
    if (line === "[" || line === "]" || line === "") continue;
    if (line.endsWith(",")) line = line.slice(0, -1);
    let entity: WikidataEntity;
    try {
      entity = JSON.parse(line);
    } catch {
      throw new BadUserInputError(`${path} line ${n} is not JSON: a Wikidata dump has one entity per line.`, "file");
    }
    if (!entity || typeof entity !== "object" || typeof entity.id !== "string") throw new BadUserInputError(`${path} line ${n} is not a Wikidata entity (no id).`, "file");
    yield entity;
  }
}

/** The item ids a property's claims name, best rank first, deprecated ones left out; `current` puts claims without an end time (P582) first. */
export function itemValues(e: WikidataEntity, property: string, current = false): string[] {
  const claims = (e.claims?.[property] ?? []).filter((c) => c.rank !== "deprecated" && c.mainsnak?.datavalue?.type === "wikibase-entityid");
  const score = (c: WikidataClaim) => (c.rank === "preferred" ? 0 : 2) + (current && c.qualifiers?.P582?.length ? 1 : 0);
  return claims
    .map((c, i) => ({ c, i }))
    .sort((a, b) => score(a.c) - score(b.c) || a.i - b.i)
    .map(({ c }) => (c.mainsnak!.datavalue!.value as { id: string }).id)
    .filter((id, i, all) => typeof id === "string" && all.indexOf(id) === i);
}

/** Date of birth (P569) as precise as Wikidata has it: `1952-10-07`, `1952-10` or `1952`. */
export function birthDate(e: WikidataEntity): string | null {
  const claim = (e.claims?.P569 ?? []).find((c) => c.rank !== "deprecated" && c.mainsnak?.datavalue?.type === "time");
  const v = claim?.mainsnak?.datavalue?.value as { time?: string; precision?: number } | undefined;
  const m = v?.time ? /^([+-])0*(\d{4,})-(\d\d)-(\d\d)/.exec(v.time) : null;
  if (!m) return null;
  const year = `${m[1] === "-" ? "-" : ""}${m[2].padStart(4, "0")}`;
  if (year.replace("-", "").length > 4) return null;
  const precision = v!.precision ?? 11;
  return precision >= 11 ? `${year}-${m[3]}-${m[4]}` : precision === 10 ? `${year}-${m[3]}` : year;
}

/** Every label and alias of the entity, in any language, lower case. */
export function entityNames(e: WikidataEntity): Set<string> {
  const names = new Set<string>();
  for (const l of Object.values(e.labels ?? {})) names.add(l.value.trim().toLowerCase());
  for (const list of Object.values(e.aliases ?? {})) for (const a of list) names.add(a.value.trim().toLowerCase());
  return names;
}

/** The entity's English label, else any label. */
export function entityLabel(e: WikidataEntity): string | null {
  return e.labels?.en?.value ?? Object.values(e.labels ?? {})[0]?.value ?? null;
}
