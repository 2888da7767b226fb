// What a source's URL serves.
import { registerEnumType } from "type-graphql";

export enum SourceKind {
  FEED = "FEED",
  SITEMAP = "SITEMAP",
}

registerEnumType(SourceKind, {
  name: "SourceKind",
  description: "What a source's URL serves.",
  valuesConfig: {
    FEED: { description: "An RSS 2.0, RSS 1.0, Atom or JSON Feed." },
    SITEMAP: { description: "A sitemap (news sitemaps included): each new or changed page is fetched and read." },
  },
});
