// Attribution rules one at a time: cues after and before, pronouns, descriptions, "according to", organisations, groups, unknown speakers.
import { extractFromBody } from "../../src/ingest/extract";

function attributions(body: string): [string, string | null][] {
  return extractFromBody(body).quotes.map((q) => [q.text, q.speaker]);
}

describe("attribution", () => {
  it("reads a cue after the quote, both word orders", () => {
    expect(attributions("“We are ready,” Jane Doe said. “Are you?” asked Tom Lee.")).toEqual([
      ["We are ready,", "Jane Doe"],
      ["Are you?", "Tom Lee"],
    ]);
  });

  it("reads a cue before the quote and its subject", () => {
    expect(attributions("Senator Amy Klobuchar described the bill as “a good start” and said it was “overdue.”")).toEqual([
      ["a good start", "Amy Klobuchar"],
      ["overdue.", "Amy Klobuchar"],
    ]);
  });

  it("resolves a pronoun to the subject of its sentence, not the object", () => {
    expect(attributions("Jane Doe thanked Tom Lee for his help, though she stressed that “nothing is settled.”")).toEqual([["nothing is settled.", "Jane Doe"]]);
  });

  it("uses gender to pick between two people", () => {
    const body = "Prime Minister Mark Carney met President Claudia Sheinbaum. She called the talks “frank”, while he said they were “useful.”";
    expect(attributions(body)).toEqual([
      ["frank", "Claudia Sheinbaum"],
      ["useful.", "Mark Carney"],
    ]);
  });

  it("resolves a description to the person whose role fits", () => {
    const body = "Russian President Vladimir Putin met the envoy. “We are open to talks,” the Russian leader said.";
    expect(attributions(body)).toEqual([["We are open to talks,", "Vladimir Putin"]]);
  });

  it('gives "according to" quotes to the source', () => {
    expect(attributions("The storm is “the worst in decades,” according to meteorologist Jim Cantore.")).toEqual([["the worst in decades,", "Jim Cantore"]]);
  });

  it('attributes to organisations and to "the company" after one is named', () => {
    const body = "Boeing said it would cut jobs. “These are hard decisions,” the company said.";
    expect(attributions(body)).toEqual([["These are hard decisions,", "Boeing"]]);
  });

  it('attributes to groups, including through "who"', () => {
    expect(attributions("The demand was echoed by international leaders who argue the war could end “immediately”.")).toEqual([["immediately", "international leaders"]]);
  });

  it("continues the speaker of the previous quote in the paragraph", () => {
    expect(attributions("“First,” said Ana Ruiz. “Second.”")).toEqual([
      ["First,", "Ana Ruiz"],
      ["Second.", "Ana Ruiz"],
    ]);
  });

  it("keeps a quote nobody is named for with a null speaker, never a guess", () => {
    expect(attributions("A sign on the door read: “Closed for good.” Nobody answered the phone.")).toEqual([["Closed for good.", null]]);
    expect(attributions("“There is no trust left,” one of the negotiators said.")).toEqual([["There is no trust left,", null]]);
  });

  it("leaves titles of works and scare quotes out", () => {
    expect(attributions("She sang “Cruel Summer” in the so-called “slow cinema” style. The word “unprecedented” appeared twice.")).toEqual([]);
  });

  it("gives the quote after a paragraph ending in a colon to that paragraph’s speaker", () => {
    expect(attributions("Coach Linda Park said:\n\n“We learned from it.”")).toEqual([["We learned from it.", "Linda Park"]]);
  });

  describe("rules added after the world-desk batch", () => {
    it("takes the person named in apposition, not a possessor, as the antecedent of a pronoun", () => {
      const body = "Donald Trump’s envoy, Steve Witkoff, flew to Moscow on Thursday. “The talks were good,” he said.";
      expect(attributions(body)).toEqual([["The talks were good,", "Steve Witkoff"]]);
    });

    it("never takes a wire dateline for a speaker, and reads the sentence after it", () => {
      expect(attributions("NAIROBI: The Supreme Court on Friday upheld the result, saying the count was “free and fair”.")).toEqual([["free and fair", "Supreme Court"]]);
      expect(attributions("GENEVA (AP) — The WHO said the risk was “moderate”.")).toEqual([["moderate", "WHO"]]);
      expect(attributions("NATO, the alliance, said it was “ready”.")).toEqual([["ready", "NATO"]]);
    });

    it("leaves honours and offices written after a name out of it", () => {
      expect(attributions("Jane Carter QC said the ruling was “a landmark”. Sir Keir Starmer MP called it “welcome”.")).toEqual([
        ["a landmark", "Jane Carter"],
        ["welcome", "Keir Starmer"],
      ]);
    });

    it("reads a sentence-initial role noun before a given name as a description", () => {
      expect(attributions("Groundsman Peter Cole said the pitch was “perfect”.")).toEqual([["perfect", "Peter Cole"]]);
    });

    it('reads an office named with "of" before a given name as a role, and alone as no one', () => {
      const doc = extractFromBody("Secretary of State Marco Rubio said the talks were “productive”. The Minister of Finance, Ruth Adeyemi, called them “useful”.");
      expect(doc.quotes.map((q) => [q.text, q.speaker])).toEqual([
        ["productive", "Marco Rubio"],
        ["useful", "Ruth Adeyemi"],
      ]);
      expect(doc.speakers.find((s) => s.name === "Marco Rubio")?.role).toBe("Secretary of State");
    });

    it("takes the person, not the place or club before the role noun, as the speaker", () => {
      expect(attributions("Chelsea winger Noni Madueke, who scored twice, said the win was “massive”.")).toEqual([["massive", "Noni Madueke"]]);
      // A verb between them is no description: France is the subject here.
      expect(attributions("France met Prime Minister Keir Starmer, saying the talks were “productive”.")).toEqual([["productive", "France"]]);
    });
  });

  describe("rules added after the press-and-regions batch", () => {
    it("reads a dateline with a country or region before its dash", () => {
      expect(attributions("LIMA, Peru — The Supreme Court on Monday freed the former president, saying the trial had been “irregular”.")).toEqual([["irregular", "Supreme Court"]]);
    });

    it('takes a name after "her"/"his" as a modifier of the person named next', () => {
      const body = "His Peaky Blinders co-star Helen McCrory called him “a natural”. “He was born for it,” she said.";
      expect(attributions(body)).toEqual([
        ["a natural", "Helen McCrory"],
        ["He was born for it,", "Helen McCrory"],
      ]);
    });

    it("gives two people speaking together no single speaker", () => {
      expect(attributions("Anne Kelly and Brian Kelly said she had been “a ray of light”.")).toEqual([["a ray of light", null]]);
      expect(attributions("Her sons, Tom Reid and Sam Reid, said she had died “peacefully”.")).toEqual([["peacefully", null]]);
    });

    it("never takes a time zone for an organisation", () => {
      expect(attributions("Update, 9.40am PT: Google says the fault in Gmail and Drive is fixed. “We apologise,” the company said.")).toEqual([["We apologise,", "Google"]]);
    });
  });

  describe("rules added after the wires-and-features batch", () => {
    it('takes the full name in apposition to "the" and an office as the speaker', () => {
      expect(attributions("The Ombudsman, Peter Tyndall, said the delays were “unacceptable”.")).toEqual([["unacceptable", "Peter Tyndall"]]);
      expect(attributions("The BBC, Britain’s public broadcaster, said the claims were “false”.")).toEqual([["false", "BBC"]]);
    });
  });
});
