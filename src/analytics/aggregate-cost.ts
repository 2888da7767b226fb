// What the operation cost rules (src/graphql/operation-cost.ts) charge for the analysts' aggregates, beyond one per
// field: each runs one grouped scan over the matching quotes, which costs about what reading a page of
// fifty quotes does, whatever the number of buckets it returns. Kept as a table by field name (not as
// schema extensions: the served subgraph schema is rebuilt from SDL, which carries none).
/** The grouped statement of each aggregate. */
export const AGGREGATE_COST = 50;
/** Speaker.timeline takes no page size: its points are priced as a typical two years of weeks. */
export const TIMELINE_LIST_SIZE = 100;

export interface FieldCost {
  /** Charged for the field itself (instead of 1). */
  cost: number;
  /** Items of a list that takes no `first`/`last`: its selection is charged this many times. */
  listSize?: number;
}

export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  "Query.quoteStats": { cost: AGGREGATE_COST },
  "Speaker.timeline": { cost: AGGREGATE_COST, listSize: TIMELINE_LIST_SIZE },
  "Speaker.outlets": { cost: AGGREGATE_COST },
  "Speaker.coQuoted": { cost: AGGREGATE_COST },
};
