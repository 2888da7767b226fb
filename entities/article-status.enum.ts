// Whether an article is out for everyone or still a draft that only editors see.
import { registerEnumType } from "type-graphql";

export enum ArticleStatus {
  PUBLISHED = "PUBLISHED",
  DRAFT = "DRAFT",
}

registerEnumType(ArticleStatus, {
  name: "ArticleStatus",
  description: "Whether an article is public.",
  valuesConfig: {
    PUBLISHED: { description: "Visible to everyone." },
    DRAFT: { description: "Not published (new or unpublished); visible to editors only." },
  },
});
