// Extraction on a newcomer's own articles (issue 16, item 8): Q&A interviews, quotes over two paragraphs, an
// unnamed office that must not borrow an earlier person's name, appositive roles, and social posts on handle lines.
import { extractFromBody } from "../../src/ingest/extract";

describe("newcomer articles", () => {
  it("reads the answers of a Q&A interview as the interviewee’s quotes, not the questions", () => {
    const body = [
      "In an interview with the Dublin Review, the novelist Sally Rooney talked about her new book.",
      "Q: Why did you set the novel in Dublin again?",
      "A: Because it is the city I know best. I can hear how people speak there.",
      "Q: Do you read your reviews?",
      "Rooney: Never. It would drive me mad.",
    ].join("\n\n");
    const doc = extractFromBody(body);
    expect(doc.quotes.map((q) => [q.text, q.speaker, q.kind])).toEqual([
      ["Because it is the city I know best. I can hear how people speak there.", "Sally Rooney", "DIRECT"],
      ["Never. It would drive me mad.", "Sally Rooney", "DIRECT"],
    ]);
    for (const q of doc.quotes) expect(body.slice(q.start, q.end)).toBe(q.text);
    expect(doc.quotes.map((q) => q.attribution?.method)).toEqual(["interview", "interview"]);
    expect(doc.quotes[1]?.attribution?.mention?.text).toBe("Rooney");
  });

  it("does not take one “Q:” line, or a label that names nobody, for an interview", () => {
    expect(extractFromBody("Q: What changed?\n\nA: Everything did.").quotes).toEqual([]);
    const body = "Jane Doe spoke to us.\n\nQ: Why?\n\nNote: the answers were edited.\n\nQ: And then?\n\nA: We left.";
    expect(extractFromBody(body).quotes.map((q) => q.text)).toEqual(["We left."]);
  });

  it("gives a quote running over two paragraphs the speaker named in its last paragraph", () => {
    const body =
      "Nurse Ellen Park described the night of the fire.\n\n“We carried the patients down one by one. Nobody panicked.\n\n“When the last one was out, I sat on the kerb and cried,” she said.";
    expect(extractFromBody(body).quotes.map((q) => q.speaker)).toEqual(["Ellen Park"]);
  });

  it("leaves an unnamed office’s quote speakerless rather than giving it to a person named earlier", () => {
    const body = "French President Emmanuel Macron met Chancellor Friedrich Merz in Paris on Monday.\n\nGermany’s defence minister said the army needed “at least 60,000 more soldiers.”";
    expect(extractFromBody(body).quotes.map((q) => q.speaker)).toEqual([null]);
  });

  it("keeps a role written as an appositive", () => {
    const doc = extractFromBody("Margrethe Vestager, the former EU commissioner, said the rules were “here to stay.”");
    expect(doc.speakers.find((s) => s.name === "Margrethe Vestager")?.role).toBe("former EU commissioner");
  });

  it("reads social posts on @handle lines as reactions, with or without quotation marks", () => {
    const marked = extractFromBody("People online were unimpressed.\n\n@janedoe: “Worst update ever.”\n\n@bob_smith: “Love the new look!”");
    expect(marked.reactions.map((r) => [r.text, r.sentiment])).toEqual([
      ["Worst update ever.", "NEGATIVE"],
      ["Love the new look!", "POSITIVE"],
    ]);
    const bare = extractFromBody("Reactions poured in.\n\n@janedoe: Worst update ever.\n\n@bob_smith: Love the new look!");
    expect(bare.reactions.map((r) => r.text)).toEqual(["Worst update ever.", "Love the new look!"]);
    expect(bare.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ["Worst update ever.", null],
      ["Love the new look!", null],
    ]);
  });
});
