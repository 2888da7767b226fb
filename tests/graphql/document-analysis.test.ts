// One analysis per parsed document: the cost, the static cache policy and the direct execution's
// eligibility all read the same one, made once and found again by the document's identity.
import { buildSchema, parse, type OperationDefinitionNode } from "graphql";
import { analysisOf, AnalysisSlot } from "../../src/graphql/document-analysis";
import { cachedOperationCost } from "../../src/graphql/operation-cost";
import { operationPolicy } from "../../src/cache/static-cache-policy";

const schema = buildSchema(`
  type Query { articles(first: Int): [Article!]! _entities(representations: [String!]!): [Article]! }
  type Article @cacheControl(maxAge: 60) { id: ID! title: String! quotes(first: Int, last: Int): [Quote!]! }
  type Quote { id: ID! text: String! }
  directive @cacheControl(maxAge: Int) on OBJECT | FIELD_DEFINITION
`);

const text = `
  query Front($first: Int, $quotes: Int, $r: [String!]!) { articles(first: $first) { ...A } _entities(representations: $r) { id } }
  query Other { articles { id } }
  fragment A on Article { id title quotes(last: $quotes) { id } }
`;

test("is made once per document and read by every reader", () => {
  const document = parse(text);
  const [front, other] = document.definitions as OperationDefinitionNode[];
  const analysis = analysisOf(schema, document);
  expect(Object.keys(analysis.fragments)).toEqual(["A"]);
  expect([...analysis.pageVariables].sort()).toEqual(["first", "quotes"]);
  expect(analysis.listVariables).toEqual(["r"]);
  // The readers leave their results in it, and find them there again.
  cachedOperationCost(schema, document, front, { first: 3 });
  operationPolicy(schema, document, front);
  expect(analysisOf(schema, document)).toBe(analysis);
  let computed = 0;
  const slot = new AnalysisSlot<number>("test");
  expect(analysis.of(front).get(slot, () => ++computed)).toBe(1);
  expect(analysis.of(front).get(slot, () => ++computed)).toBe(1);
  expect(analysis.of(other).get(slot, () => ++computed)).toBe(2);
  // Another parse of the same text is another document, with an analysis of its own.
  expect(analysisOf(schema, parse(text))).not.toBe(analysis);
});
