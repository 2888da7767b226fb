// Input formats the ingest pipeline reads.
import { registerEnumType } from "type-graphql";

export enum IngestFormat {
  TEXT = "text",
  JSON = "json",
  HTML = "html",
  RSS = "rss",
  ATOM = "atom",
}

registerEnumType(IngestFormat, {
  name: "IngestFormat",
  description: "The format of raw news handed to ingestArticle.",
  valuesConfig: {
    TEXT: { description: "Plain text: title line, optional 'Published on …' line, dateline, body." },
    JSON: { description: "newsgraph's own JSON article shape (what `newsgraph extract` prints)." },
    HTML: { description: "An article web page; the main text is found with Readability." },
    RSS: { description: "An RSS 2.0 feed with one item." },
    ATOM: { description: "An Atom feed with one entry." },
  },
});
