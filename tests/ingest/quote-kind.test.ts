// DIRECT for utterances standing on their own, PARTIAL for fragments built into the writer's sentence.
import { extractFromBody } from "../../src/ingest/extract";

function kinds(body: string): [string, string][] {
  return extractFromBody(body).quotes.map((q) => [q.text, q.kind]);
}

describe("quote kind", () => {
  it("marks quotes that open a sentence or follow a colon or a cue and comma as DIRECT", () => {
    expect(kinds("“We will win,” she said. He added: “Nothing changes.” Mayor Ann Lee said, “Every child matters.”")).toEqual([
      ["We will win,", "DIRECT"],
      ["Nothing changes.", "DIRECT"],
      ["Every child matters.", "DIRECT"],
    ]);
  });

  it("marks fragments as PARTIAL", () => {
    expect(kinds("Putin described the idea as “good” and said details needed to be “sorted out.”")).toEqual([
      ["good", "PARTIAL"],
      ["sorted out.", "PARTIAL"],
    ]);
  });

  it("treats the second half of a split quote as DIRECT", () => {
    expect(kinds("“If we do nothing,” warned scientist Katharine Hayhoe, “the costs will be higher.”")).toEqual([
      ["If we do nothing,", "DIRECT"],
      ["the costs will be higher.", "DIRECT"],
    ]);
  });

  it("treats a whole sentence embedded without punctuation as DIRECT", () => {
    expect(kinds("Protesters marched, chanting “No more cuts!” as police watched.")).toEqual([["No more cuts!", "DIRECT"]]);
  });
});
