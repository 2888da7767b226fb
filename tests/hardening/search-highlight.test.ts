// Search highlights are safe HTML (issue 17, finding 4): the stored text (an ingested page may hold
// `<img src=x onerror=…>`) is escaped first, and only then are the matches wrapped in <mark>.
import { authHeaders, RUN, startReadersApp } from "../readers/support";
import type { TestApp } from "../support/test-app";

let t: TestApp;
const WORD = `zebraword${RUN}`;
beforeAll(async () => {
  t = await startReadersApp();
  const editor = await authHeaders(`hl-editor-${RUN}`, ["EDITOR"]);
  const content = `Highlight ${RUN}\n\nThe ${WORD} page <img src=x onerror=alert(1)> & more text here.\n\n"The ${WORD} is <b>here</b> now & then," said Dana Whitaker, the mayor.`;
  const res = await t.gql(`mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { id } }`, { input: { format: "TEXT", content } }, editor);
  expect(res.errors).toBeUndefined();
});
afterAll(async () => {
  await t?.close();
});

function expectSafe(highlight: string): void {
  expect(highlight).toContain(`<mark>${WORD}</mark>`);
  // The only tags left are the marks.
  expect(highlight.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
}

it("escapes article search highlights, then marks the matches", async () => {
  const res = await t.gql(`query($q: String!) { articles(filter: { search: $q }, first: 5) { edges { highlight } } }`, { q: WORD });
  expect(res.errors).toBeUndefined();
  const hl = res.data.articles.edges[0].highlight as string;
  expectSafe(hl);
  expect(hl).toContain("&lt;img src=x onerror=alert(1)&gt;");
  expect(hl).toContain("&amp;");
});

it("escapes quote search highlights, then marks the matches", async () => {
  const res = await t.gql(`query($q: String!) { quotes(filter: { search: $q }, first: 5) { edges { highlight } } }`, { q: WORD });
  expect(res.errors).toBeUndefined();
  const hl = res.data.quotes.edges[0].highlight as string;
  expectSafe(hl);
  expect(hl).toContain("&amp;");
});
