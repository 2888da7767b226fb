// schema/subgraph.graphql is the news subgraph as the code prints it, and it composes with another
// team's subgraph into a supergraph without errors (what rover or the gateway does with it).
import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { printNewsSubgraphSchema } from "../../src/federation/subgraph-schema";
import { projectPath } from "../../src/paths";
import { FACTCHECKS_SDL } from "./factchecks-subgraph";

const committed = readFileSync(projectPath("schema", "subgraph.graphql"), "utf8");

describe("the news subgraph", () => {
  it("is committed as the code prints it (run `npm run schema:write` after a schema change)", async () => {
    expect(committed).toBe(await printNewsSubgraphSchema());
  });

  it("links Federation 2 and declares the entity keys", () => {
    expect(committed).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    for (const type of ["Article", "Comment", "Outlet", "Quote", "Speaker"]) {
      expect(committed).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "id"\\)`));
    }
    expect(committed).toMatch(/@key\(fields: "wikidataId"\)/);
  });

  it("composes with a factchecks subgraph without errors", () => {
    const result = composeServices([
      { name: "news", url: "http://news.internal/graphql", typeDefs: parse(committed) },
      { name: "factchecks", url: "http://factchecks.internal/graphql", typeDefs: parse(FACTCHECKS_SDL) },
    ]);
    expect(result.errors).toBeUndefined();
    const supergraph = result.supergraphSdl!;
    expect(supergraph).toMatch(/NEWS @join__graph\(name: "news"/);
    expect(supergraph).toMatch(/factCheck: FactCheck @join__field\(graph: FACTCHECKS\)/);
  });

  it("reports a composition error for a subgraph that redefines one of its fields", () => {
    const result = composeServices([
      { name: "news", url: "http://news.internal/graphql", typeDefs: parse(committed) },
      {
        name: "rival",
        url: "http://rival.internal/graphql",
        typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
          type Quote @key(fields: "id") { id: ID! text: Int }`),
      },
    ]);
    expect(result.errors?.map((e) => e.message).join("\n")).toMatch(/Quote\.text/);
  });
});
