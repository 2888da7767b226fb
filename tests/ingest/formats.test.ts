// Input parsers: format detection, text, JSON, RSS, Atom and HTML into RawArticle, and coded errors for bad input.
import { readFileSync } from "node:fs";
import { extractArticle } from "../../src/ingest/extract";
import { detectFormat, parseInput } from "../../src/ingest/formats";
import { IngestInputError } from "../../src/ingest/ingest-errors";
import { projectPath } from "../../src/paths";

function fixture(name: string): string {
  return readFileSync(projectPath("tests", "fixtures", "ingest", name), "utf8");
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof IngestInputError) return error.code;
    throw error;
  }
  return undefined;
}

describe("detectFormat", () => {
  it("uses the extension first, then the content", () => {
    expect(detectFormat("a.json", "x")).toBe("json");
    expect(detectFormat("a.htm", "x")).toBe("html");
    expect(detectFormat("a.xml", fixture("feed.atom.xml"))).toBe("atom");
    expect(detectFormat(undefined, fixture("feed.rss.xml"))).toBe("rss");
    expect(detectFormat(undefined, '  [{"article":{}}]')).toBe("json");
    expect(detectFormat(undefined, "<!DOCTYPE html><html></html>")).toBe("html");
    expect(detectFormat(undefined, "Headline\n\nBody text.")).toBe("text");
  });
});

describe("text articles", () => {
  it("reads title, published line, dateline, paragraphs and the comments block", () => {
    const text =
      "A headline\r\n\r\nPublished on 2 June 2024 at 08:05 BST\r\n\r\nLONDON, June 2 (Reuters) - First\u00a0paragraph\nwrapped here.\n\n\n\n“Second,” she said.\n\nAdd comment\n\nComments (3)\n";
    const [raw] = parseInput(text, { fileName: "story.txt" });
    expect(raw?.title).toBe("A headline");
    expect(raw?.publishedAt?.toISOString()).toBe("2024-06-02T07:05:00.000Z");
    expect(raw?.dateline).toBe("LONDON");
    expect(raw?.body).toBe("First paragraph wrapped here.\n\n“Second,” she said.");
    expect(raw?.commentsOnPage).toBe(3);
    expect(raw?.language).toBe("en");
    expect(raw?.source).toEqual({ format: "text", name: "story.txt" });
  });

  it('drops bylines, undated "Published" lines and page furniture', () => {
    const [raw] = parseInput("Title here\nBy Jane Doe\nPublished 3 hours ago\n\nFirst para.\n\nAdvertisement\n\nShare this article\n\nRead more: Other story\n\nSecond para.\n", {
      format: "text",
    });
    expect(raw?.body).toBe("First para.\n\nSecond para.");
    expect(raw?.publishedAt).toBeNull();
  });

  it("rejects empty input and a title without a body", () => {
    expect(codeOf(() => parseInput("   \n ", { format: "text" }))).toBe("EMPTY_INPUT");
    expect(codeOf(() => parseInput("Only a title\n", { format: "text" }))).toBe("EMPTY_ARTICLE");
  });
});

describe("JSON documents", () => {
  it("takes given quotes and speakers as given", () => {
    const [raw] = parseInput(fixture("article.json"), { fileName: "article.json" });
    expect(raw?.publishedAt?.toISOString()).toBe("2025-05-01T07:00:00.000Z");
    expect(raw?.outletDomain).toBe("rivernews.example");
    const doc = extractArticle(raw as NonNullable<typeof raw>);
    expect(doc.speakers).toEqual([{ name: "Tom Reyes", role: "Mayor", kind: "PERSON", aliases: ["Reyes"] }]);
    expect(doc.quotes).toEqual([{ text: "It is good to have it back,", speaker: "Tom Reyes", kind: "DIRECT", start: 43, end: 70, cue: "said" }]);
  });

  it("extracts what is not given, and accepts an array of documents", () => {
    const docs = parseInput(JSON.stringify([{ article: { title: "A", body: "“Yes,” said Ann Lee." } }, { article: { title: "B", body: "No quotes." } }]), { format: "json" });
    expect(docs).toHaveLength(2);
    expect(extractArticle(docs[0] as NonNullable<(typeof docs)[0]>).quotes[0]?.speaker).toBe("Ann Lee");
  });

  it("round-trips what extract prints", () => {
    const [raw] = parseInput(fixture("article.html"), { fileName: "article.html" });
    const printed = JSON.stringify(extractArticle(raw as NonNullable<typeof raw>));
    const [again] = parseInput(printed, { format: "json" });
    const doc = extractArticle(again as NonNullable<typeof again>);
    expect(JSON.stringify(doc)).toBe(printed);
  });

  it("reports broken JSON, a wrong shape and quotes missing from the body with codes and paths", () => {
    expect(codeOf(() => parseInput('{"article":', { format: "json" }))).toBe("INVALID_JSON");
    expect(codeOf(() => parseInput('{"title":"no wrapper"}', { format: "json" }))).toBe("INVALID_ARTICLE");
    expect(codeOf(() => parseInput('{"article":{"title":"T","body":"   "}}', { format: "json" }))).toBe("EMPTY_ARTICLE");
    try {
      parseInput('{"article":{"title":"T","body":"Hello."},"quotes":[{"text":"Goodbye"}]}', { format: "json" });
    } catch (error) {
      expect(error).toBeInstanceOf(IngestInputError);
      expect((error as IngestInputError).code).toBe("INVALID_QUOTE");
      expect((error as IngestInputError).path).toBe("$.quotes[0].text");
    }
  });
});

describe("feeds", () => {
  it("turns RSS items into articles with HTML stripped to paragraphs", () => {
    const items = parseInput(fixture("feed.rss.xml"), { fileName: "feed.rss.xml" });
    expect(items).toHaveLength(2);
    const [first, second] = items;
    expect(first?.title).toBe("Council approves & funds new sea wall");
    expect(first?.url).toBe("https://www.harbourgazette.example/news/sea-wall");
    expect(first?.publishedAt?.toISOString()).toBe("2025-03-04T09:30:00.000Z");
    expect(first?.dateline).toBe("PORTHAVEN");
    expect(first?.body).toBe(
      "The town council voted 9-2 on Monday to fund a new sea wall.\n\n“This protects every home on the seafront,” said council leader Mary Evans.\n\nWork will start in June.",
    );
    expect(first?.summary).toBe("The council voted to fund the wall.");
    expect(first?.outletName).toBe("Harbour Gazette");
    expect(first?.outletDomain).toBe("harbourgazette.example");
    expect(first?.topics).toEqual(["Local", "Climate"]);
    expect(first?.language).toBe("en");
    expect(second?.url).toBe("https://www.harbourgazette.example/news/ferry");
    expect(second?.body).toBe("Ferries will run every two hours from April.\n\n“It is a cut,” one commuter said.");
  });

  it("turns Atom entries into articles", () => {
    const [entry] = parseInput(fixture("feed.atom.xml"), { format: "feed" });
    expect(entry?.source.format).toBe("atom");
    expect(entry?.title).toBe("Glacier retreat speeds up");
    expect(entry?.url).toBe("https://science.example.org/2025/02/glacier");
    expect(entry?.publishedAt?.toISOString()).toBe("2025-02-10T07:15:00.000Z");
    expect(entry?.topics).toEqual(["climate"]);
    expect(entry?.outletName).toBe("Science Desk");
    const doc = extractArticle(entry as NonNullable<typeof entry>);
    expect(doc.quotes.map((q) => q.speaker)).toEqual(["Matthias Huss"]);
  });

  it("rejects malformed XML and XML that is not a feed", () => {
    expect(codeOf(() => parseInput(fixture("bad-feed.xml"), { fileName: "bad-feed.xml" }))).toBe("INVALID_FEED");
    expect(codeOf(() => parseInput('<?xml version="1.0"?><catalog><book/></catalog>', { format: "rss" }))).toBe("INVALID_FEED");
  });
});

describe("HTML pages", () => {
  it("takes the main text and the metadata", () => {
    const [page] = parseInput(fixture("article.html"), { fileName: "article.html" });
    expect(page?.title).toBe("Port strike ends after 10 days");
    expect(page?.url).toBe("https://www.coastaltimes.example.com/business/port-strike-ends");
    expect(page?.publishedAt?.toISOString()).toBe("2025-04-02T20:45:00.000Z");
    expect(page?.language).toBe("en");
    expect(page?.outletName).toBe("Coastal Times");
    expect(page?.outletDomain).toBe("coastaltimes.example.com");
    expect(page?.topics).toEqual(["Labour", "Shipping"]);
    expect(page?.dateline).toBe("BALTIMORE");
    expect(page?.body.startsWith("Dock workers voted on Wednesday")).toBe(true);
    expect(page?.body).not.toMatch(/Most read|Home|Dana Whitaker|©/);
    const doc = extractArticle(page as NonNullable<typeof page>);
    expect(doc.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ["Our members stood together and it paid off,", "Harold Daggett"],
      ["within 48 hours,", "port authority"],
    ]);
  });

  it("rejects pages without text", () => {
    expect(codeOf(() => parseInput("<html><head><title>T</title></head><body><nav>menu</nav></body></html>", { format: "html" }))).toBe("EMPTY_ARTICLE");
  });
});

describe("parseInput", () => {
  it("refuses unknown formats with UNSUPPORTED_FORMAT", () => {
    expect(codeOf(() => parseInput("x", { format: "pdf" as unknown as "text" }))).toBe("UNSUPPORTED_FORMAT");
  });
});
