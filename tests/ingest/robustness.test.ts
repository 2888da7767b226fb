// Deterministic garbage in: extraction never throws, offsets stay exact, every named speaker is listed, pathological input stays fast.
import { extractFromBody } from "../../src/ingest/extract";
import { parseInput } from "../../src/ingest/formats";
import { IngestInputError } from "../../src/ingest/ingest-errors";

const PIECES = [
  "“",
  "”",
  '"',
  "'",
  "‘",
  "’",
  "«",
  "»",
  "„",
  " ",
  "\n",
  "\n\n",
  ".",
  ",",
  ":",
  ";",
  "—",
  "(",
  ")",
  "Smith",
  "said",
  "he",
  "she",
  "they",
  "it",
  "the",
  "a",
  "U.S.",
  "Mr.",
  "who",
  "which",
  "according",
  "to",
  "😀",
  "é",
  "A",
  "J.",
  "’s",
  "one",
  "user",
  "wrote",
  "Police",
  "Ministry",
  "of",
  "told",
  "as",
  "saying",
  "quoted",
  "Those",
  "were",
  "words",
  "comments",
  "like",
  "Reddit",
  "X",
  "on",
  "statement",
  "company",
  "spokesperson",
  "for",
];

/** Linear congruential generator: the same texts on every run. */
function* texts(count: number, seed: number): Generator<string> {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(next() * 90);
    let text = "";
    for (let j = 0; j < length; j++) text += (PIECES[Math.floor(next() * PIECES.length)] as string) + (next() < 0.6 ? " " : "");
    yield text;
  }
}

describe("extraction on scrambled text", () => {
  it("never throws, keeps offsets exact and lists every speaker it names", () => {
    for (const text of texts(1500, 7)) {
      const doc = extractFromBody(text);
      for (const q of doc.quotes) {
        expect(text.slice(q.start, q.end)).toBe(q.text);
        if (q.speaker !== null) expect(doc.speakers.map((s) => s.name)).toContain(q.speaker);
      }
    }
  });

  it("only ever fails to parse with a coded IngestInputError", () => {
    for (const text of texts(500, 11)) {
      try {
        parseInput(`Title\n\n${text}`, { format: "text" });
      } catch (error) {
        expect(error).toBeInstanceOf(IngestInputError);
      }
    }
  });
});

describe("pathological input", () => {
  it("handles a 3,000-quote run-on sentence and a 20,000-word capitalised run in well under a few seconds", () => {
    const started = Date.now();
    const runOn = Array.from({ length: 3000 }, (_, i) => `and Smith said “word ${i}” then`).join(" ");
    expect(extractFromBody(runOn).quotes).toHaveLength(3000);
    expect(extractFromBody(`${"Word ".repeat(20000)}said “x”`).quotes).toHaveLength(1);
    expect(extractFromBody('"'.repeat(50000)).quotes).toHaveLength(0);
    expect(Date.now() - started).toBeLessThan(15000);
  });
});
