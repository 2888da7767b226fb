// Helpers the parsers share: date parsing, datelines, body normalisation, language guessing, sentence splitting.
import { buildDocumentModel } from "../../src/ingest/extract/document-model";
import { normaliseBody } from "../../src/ingest/formats/body-normalise";
import { parseDateField, parseDateText } from "../../src/ingest/formats/date-parse";
import { splitDateline } from "../../src/ingest/formats/dateline";
import { guessLanguage, primaryLanguage } from "../../src/ingest/formats/language-guess";

describe("parseDateText", () => {
  it.each([
    ["13 March 2025 at 11:51", "2025-03-13T11:51:00.000Z"],
    ["March 13, 2025 11:51 AM ET", "2025-03-13T16:51:00.000Z"],
    ["Thursday 13th Mar 2025, 3:05 pm GMT", "2025-03-13T15:05:00.000Z"],
    ["2025-03-13T11:51:00+03:00", "2025-03-13T08:51:00.000Z"],
    ["2025-03-13", "2025-03-13T00:00:00.000Z"],
    ["Updated 13 March 2025 11:51 (UTC+2)", "2025-03-13T09:51:00.000Z"],
  ])("%s", (text, iso) => {
    expect(parseDateText(text)?.toISOString()).toBe(iso);
  });

  it("returns null for text without a date, and parses RFC 822 fields", () => {
    expect(parseDateText("two hours ago")).toBeNull();
    expect(parseDateField("Tue, 04 Mar 2025 09:30:00 +0000")?.toISOString()).toBe("2025-03-04T09:30:00.000Z");
    expect(parseDateField("not a date")).toBeNull();
  });
});

describe("splitDateline", () => {
  it.each([
    ["Moscow, Russia – March 13, 2025 - Russian President Vladimir Putin said.", "Moscow, Russia", "Russian President Vladimir Putin said."],
    ["WASHINGTON (AP) — The Senate voted.", "WASHINGTON", "The Senate voted."],
    ["LONDON, June 2 (Reuters) - Shares fell.", "LONDON", "Shares fell."],
  ])("%s", (paragraph, dateline, rest) => {
    expect(splitDateline(paragraph)).toEqual({ dateline, rest });
  });

  it("leaves ordinary openings alone", () => {
    expect(splitDateline("The Senate voted - narrowly - on Monday.")).toBeNull();
    expect(splitDateline("Officials said the bridge – built in 1932 – was safe.")).toBeNull();
  });
});

describe("normaliseBody", () => {
  it("collapses blank lines, turns NBSP into spaces, joins soft-wrapped lines and trims", () => {
    expect(normaliseBody("  One\u00a0two\nthree.\n\n\n\n\nFour.  \n")).toBe("One two three.\n\nFour.");
  });

  it("treats every line as a paragraph when there are no blank lines", () => {
    expect(normaliseBody("First.\nSecond.")).toBe("First.\n\nSecond.");
  });
});

describe("language", () => {
  it("reads tags and guesses from function words", () => {
    expect(primaryLanguage("en-GB")).toBe("en");
    expect(primaryLanguage("")).toBeNull();
    expect(guessLanguage("Der Minister sagte, dass die Regierung nicht mit der Opposition sprechen werde und das sei klar.")).toBe("de");
    expect(guessLanguage("The minister said that the government would not talk to the opposition.")).toBe("en");
  });
});

describe("sentence splitting", () => {
  it("does not stop at abbreviations, initials or inside quotes", () => {
    const model = buildDocumentModel("Mr. Smith met U.S. President Joe Biden. “We agreed. It was fine,” he said. J. K. Rowling wrote it.");
    const sentences = model.sentences.map((s) => model.body.slice(s.start, s.end));
    expect(sentences).toEqual(["Mr. Smith met U.S. President Joe Biden.", "“We agreed. It was fine,” he said.", "J. K. Rowling wrote it."]);
  });
});
