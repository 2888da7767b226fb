// What a cached answer is tagged with (read from the answer and the operation), and the hint table's
// coverage of the schema.
import "reflect-metadata";
import { parse, type OperationDefinitionNode } from "graphql";
import { unhintedTargets, unknownHintTargets } from "../../src/cache/cache-hints";
import { collectCacheTags, tagKey } from "../../src/cache/cache-tags";
import { buildNewsSchema } from "../../src/graphql/schema";

async function tags(query: string, data: Record<string, unknown>): Promise<string[]> {
  const schema = await buildNewsSchema();
  const doc = parse(query);
  const operation = doc.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
  const fragments = Object.fromEntries(doc.definitions.flatMap((d) => (d.kind === "FragmentDefinition" ? [[d.name.value, d]] : [])));
  return collectCacheTags({ schema, operation, fragments, data }).map(tagKey).sort();
}

describe("cache tags", () => {
  it("tags every object with its type and id, through aliases, fragments and connections", async () => {
    const got = await tags(
      `query { page: article(slug: "s") { key: id ...Q comments { edges { node { id replies { edges { node { id } } } } } } } }
       fragment Q on Article { quotes { edges { node { id speaker { id name } } } } outlet { name } }`,
      {
        page: {
          key: "a1",
          quotes: { edges: [{ node: { id: "q1", speaker: { id: "s1", name: "X" } } }, { node: { id: "q2", speaker: null } }] },
          outlet: { name: "Daily" },
          comments: { edges: [{ node: { id: "c1", replies: { edges: [{ node: { id: "c2" } }] } } }] },
        },
      },
    );
    expect(got).toEqual(["Article:a1", "Comment:c1", "Comment:c2", "Outlet:?", "Quote:q1", "Quote:q2", "Speaker:s1"]);
  });

  it("tags root lists, and lookups that found nothing, with their item type's list tag", async () => {
    expect(await tags(`query { articles(first: 2) { totalCount edges { node { id } } } }`, { articles: { totalCount: 1, edges: [{ node: { id: "a1" } }] } })).toEqual([
      "Article:a1",
      "Article:list",
    ]);
    expect(await tags(`query { article(slug: "nope") { id } }`, { article: null })).toEqual(["Article:list"]);
    expect(await tags(`query { article(slug: "yes") { id } }`, { article: { id: "a9" } })).toEqual(["Article:a9"]);
  });

  it("hints every object type and root query field, and names nothing the schema lacks", async () => {
    const schema = await buildNewsSchema();
    expect(unhintedTargets(schema)).toEqual([]);
    expect(unknownHintTargets(schema)).toEqual([]);
  });
});
