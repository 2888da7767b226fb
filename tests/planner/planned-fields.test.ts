// The planned-value lookup sits in front of every field the read planner can fetch, in the news schema
// and in the subgraph schema (what standalone and gateway modes serve). It calls the field's own
// resolver only when no value was planned, which is why those resolvers have no planned-value branch.
import "reflect-metadata";
import { buildNewsSubgraphSchema } from "../../src/federation/subgraph-schema";
import { buildNewsSchema } from "../../src/graphql/schema";
import { servedRole } from "../../src/planner/planned-fields";
import { attachPlanned } from "../../src/planner/planned";
import { PLANNED_FIELDS } from "../../src/planner/read-planner";
import { isObjectType, type GraphQLResolveInfo } from "graphql";

describe("planned fields", () => {
  it("lists the fields the read planner fetches", () => {
    expect(PLANNED_FIELDS).toEqual({
      Article: ["outlet", "quotes", "speakers", "reactions", "reactionSummary", "comments", "commentCount"],
      Quote: ["speaker", "article"],
      Comment: ["replies", "replyCount"],
      Speaker: ["quotes", "articles", "quoteCount", "firstQuotedAt", "lastQuotedAt"],
    });
  });

  it.each([
    ["news", buildNewsSchema],
    ["subgraph", buildNewsSubgraphSchema],
  ])("answers them before their resolvers in the %s schema", async (_name, build) => {
    const schema = await build();
    for (const [typeName, fields] of Object.entries(PLANNED_FIELDS)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      for (const field of fields) expect({ field: `${typeName}.${field}`, role: servedRole(type.getFields()[field].resolve) }).toEqual({ field: `${typeName}.${field}`, role: "planned" });
    }
    // A planned value (null included) is the answer: the resolver behind it is not called.
    const article = {};
    attachPlanned(article, "outlet", null);
    const resolve = (schema.getType("Article") as any).getFields().outlet.resolve;
    const info = { path: { key: "outlet" } } as unknown as GraphQLResolveInfo;
    expect(
      resolve(
        article,
        {},
        {
          get loaders(): never {
            throw new Error("the resolver ran");
          },
        },
        info,
      ),
    ).toBeNull();
  });
});
