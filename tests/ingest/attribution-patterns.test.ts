// Attribution patterns common in news that were left speakerless (issue 18): congressional party tags, sign-offs,
// partial quotes with "attacked … as", participles such as "tweeting", and editorial boards.
import { extractFromBody } from "../../src/ingest/extract";

function attributions(body: string): [string, string | null][] {
  return extractFromBody(body).quotes.map((q) => [q.text, q.speaker]);
}

describe("attribution patterns", () => {
  it("reads a lawmaker past the party tag, before and after the cue", () => {
    expect(attributions("“We will not fund it,” Rep. Tom Massie (R-Ky.) said on Wednesday. “Fine,” said Rep. Ro Khanna (D-Calif.), a member of the panel, in an interview.")).toEqual([
      ["We will not fund it,", "Tom Massie"],
      ["Fine,", "Ro Khanna"],
    ]);
    expect(attributions("“It was a good meeting,” Senate Minority Whip Dick Durbin (D-Ill.) told reporters after lunch.")).toEqual([["It was a good meeting,", "Dick Durbin"]]);
  });

  it("does not take any parenthesis for a party tag", () => {
    expect(attributions("“We will not fund it,” Tom Massie (who chairs the panel) said.")).toEqual([["We will not fund it,", null]]);
  });

  it("reads a sign-off after a dash as the speaker, and only a person", () => {
    const body = "We asked readers.\n\n“More trains, fewer excuses.” — Priya Nair, 27, of Croydon\n\n“Just a seat.” ― Owen Price, bus driver\n\n“No comment.” — the editors";
    expect(attributions(body)).toEqual([
      ["More trains, fewer excuses.", "Priya Nair"],
      ["Just a seat.", "Owen Price"],
      ["No comment.", null],
    ]);
  });

  it('reads "attacked … as" and "tweeting," as cues', () => {
    expect(attributions("Senator Jo Vance has attacked the program as a “slush fund” for activists.")).toEqual([["slush fund", "Jo Vance"]]);
    expect(attributions("Rep. Marjorie Taylor Greene (R-Ga.) weighed in on Saturday, tweeting, “This is what we warned about.”")).toEqual([
      ["This is what we warned about.", "Marjorie Taylor Greene"],
    ]);
  });

  it("gives a paper’s editorial board a voice of its own", () => {
    const doc = extractFromBody("The Boston Globe editorial board wrote that the deal was “a good start.”");
    expect(doc.quotes.map((q) => q.speaker)).toEqual(["Boston Globe editorial board"]);
    expect(doc.speakers.find((s) => s.name === "Boston Globe editorial board")?.kind).toBe("ORGANIZATION");
  });
});

describe("roles and affiliations", () => {
  const roleOf = (body: string, name: string): string | null | undefined => extractFromBody(body).speakers.find((s) => s.name === name)?.role;

  it("reads an outlet or institution beside a name as the person’s affiliation, and the person as the speaker", () => {
    const doc = extractFromBody("NBC’s Lester Holt called it “huge.” Peggy Noonan of the Wall Street Journal wrote that it was “fine.”");
    expect(doc.quotes.map((q) => q.speaker)).toEqual(["Lester Holt", "Peggy Noonan"]);
    expect(roleOf("NBC’s Lester Holt called it “huge.”", "Lester Holt")).toBe("NBC");
    expect(roleOf("Peggy Noonan of the Wall Street Journal wrote that it was “fine.”", "Peggy Noonan")).toBe("Wall Street Journal");
  });

  it("does not take a journalist for “the senator” who answers them", () => {
    expect(attributions("ABC’s George Stephanopoulos asked whether the deal would hold. “I believe it will,” the senator replied.")).toEqual([["I believe it will,", null]]);
  });

  it("names the office in an organisation written before a name", () => {
    expect(roleOf("European Central Bank President Christine Lagarde said inflation was “under control.”", "Christine Lagarde")).toBe("President of the European Central Bank");
    expect(roleOf("Russian President Vladimir Putin said it was “late.”", "Vladimir Putin")).toBe("President of Russia");
  });
});
