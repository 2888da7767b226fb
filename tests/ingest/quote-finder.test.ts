// Quote spans: typographic and ASCII marks, British single quotes beside apostrophes, quotes over paragraphs, stray marks.
import { findParagraphs } from "../../src/ingest/extract/paragraphs";
import { findQuotes } from "../../src/ingest/extract/quote-finder";

function quotesOf(body: string): string[] {
  return findQuotes(body, findParagraphs(body)).map((q) => body.slice(q.start, q.end));
}

describe("findQuotes", () => {
  it("finds typographic and straight double quotes with exact offsets", () => {
    const body = '“We will win,” she said. He called it "a disaster" and left.';
    const spans = findQuotes(body, findParagraphs(body));
    expect(spans.map((q) => body.slice(q.start, q.end))).toEqual(["We will win,", "a disaster"]);
    expect(spans[0]?.openMark).toBe("“");
    expect(spans[1]?.closeMark).toBe('"');
  });

  it("does not take apostrophes, possessives or inch marks for quotes", () => {
    expect(quotesOf("Trump’s plan and the leaders’ meeting were 6'2\" tall in the ’90s.")).toEqual([]);
  });

  it("reads British single quotes when a paragraph has no double quotes", () => {
    expect(quotesOf("She said the deal was ‘a good one for Britain’. The union’s leader called it ‘a con’.")).toEqual(["a good one for Britain", "a con"]);
  });

  it("keeps single quotes nested in a double quote inside it", () => {
    expect(quotesOf("“He told me ‘go home’ and walked off,” she said.")).toEqual(["He told me ‘go home’ and walked off,"]);
  });

  it("joins a quote that runs on into a paragraph reopened with a mark", () => {
    const body = "She said:\n\n“First paragraph.\n\n“Second paragraph,” she added.";
    const spans = findQuotes(body, findParagraphs(body));
    expect(spans).toHaveLength(1);
    expect(body.slice(spans[0]?.start, spans[0]?.end)).toBe("First paragraph.\n\n“Second paragraph,");
    expect(spans[0]?.paragraph).toBe(1);
    expect(spans[0]?.lastParagraph).toBe(2);
  });

  it("ends an unclosed quote that opens a paragraph at the paragraph end, but drops a stray mark mid-sentence", () => {
    expect(quotesOf("“We never closed this one\n\nNext paragraph.")).toEqual(["We never closed this one"]);
    expect(quotesOf("A stray “mark in running text\n\nNext paragraph.")).toEqual([]);
  });

  it("reads German and French marks", () => {
    expect(quotesOf("Er sagte: „Wir schaffen das.“ Elle a dit « non ».")).toEqual(["Wir schaffen das.", "non"]);
  });
});
