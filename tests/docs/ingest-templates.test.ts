// Every input-format template in docs/ingest.md is real: run through extraction, each gives an article
// with its title, body and at least one quote, and the plain-text one its outlet.
import { readFileSync } from "node:fs";
import { extractInput } from "../../src/ingest/extract-input";
import { projectPath } from "../../src/paths";

const DOC = readFileSync(projectPath("docs", "ingest.md"), "utf8");
const FORMATS: Record<string, "text" | "json" | "feed" | "html"> = { text: "text", json: "json", xml: "feed", html: "html" };
const blocks = [...DOC.matchAll(/```(text|json|xml|html)\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!] as const);

it("docs/ingest.md has a template for text, JSON, RSS, Atom and HTML", () => {
  expect(blocks.map(([lang]) => lang)).toEqual(["text", "json", "xml", "xml", "html"]);
});

it.each(blocks.map(([lang, body], i) => [i, lang, body]))("template %i (%s) extracts an article with a quote", (_i, lang, body) => {
  const docs = extractInput(body, { format: FORMATS[lang] });
  expect(docs).toHaveLength(1);
  const doc = docs[0]!;
  expect(doc.article.title).toBe("Old Mill bridge reopens after repairs");
  expect(doc.article.body).toContain("It is good to have it back");
  expect(doc.quotes.length).toBeGreaterThan(0);
  expect(doc.quotes.some((q) => q.speaker === "Tom Reyes")).toBe(true);
  if (lang === "text") expect(doc.article).toMatchObject({ outletName: "Riverton Daily", url: "https://riverton.example/bridge-reopens" });
});
