// The operation cost is remembered per parsed document and per page-size variables: the same document
// with another `first` must be priced again, with other variables (ids, words) it must not change.
import { buildSchema, parse, type OperationDefinitionNode } from "graphql";
import { cachedOperationCost, operationCost } from "../../src/graphql/operation-cost";

const schema = buildSchema(`
  type Query { articles(first: Int, last: Int, search: String): [Article!]! }
  type Article { id: ID! title: String! quotes(first: Int): [Quote!]! }
  type Quote { id: ID! text: String! }
`);

const document = parse(`
  query Front($first: Int = 10, $quotes: Int, $search: String) {
    articles(first: $first, search: $search) { id title quotes(first: $quotes) { id text } }
  }
`);
const operation = document.definitions[0] as OperationDefinitionNode;
const cost = (variables: Record<string, unknown>) => cachedOperationCost(schema, document, operation, variables, 100);

test("every page-size variable counts, and each answer equals the uncached cost", () => {
  const cases: Array<Record<string, unknown>> = [{}, { first: 5 }, { first: 5, quotes: 3 }, { first: 50, quotes: 3 }, { first: null }, { first: 500 }, { quotes: 1000 }];
  for (const variables of cases) {
    expect(cost(variables)).toEqual(operationCost(schema, document, operation, variables, 100));
    // Asked again: the same answer.
    expect(cost(variables)).toEqual(operationCost(schema, document, operation, variables, 100));
  }
  expect(cost({ first: 5 }).cost).toBeLessThan(cost({ first: 50 }).cost);
  expect(cost({ first: 500 }).oversizedPage).toEqual({ argument: "first", value: 500 });
  expect(cost({ first: 5 }).oversizedPage).toBeUndefined();
});

test("an absent variable takes its default, one sent as null does not", () => {
  // $first defaults to 10; null means "no size given", which prices the default page size (20).
  expect(cost({}).cost).toBe(operationCost(schema, document, operation, { first: 10 }, 100).cost);
  expect(cost({ first: null }).cost).not.toBe(cost({}).cost);
});

test("variables that cannot change the cost share one entry", () => {
  expect(cost({ first: 5, search: "ceasefire" })).toBe(cost({ first: 5, search: "truce" }));
});
