// Values the read planner fetched ahead for a parent object, keyed by the response key (alias or field
// name) of the field that will ask for them. Field resolvers look here first and fall back to their
// batched loaders when the planner did not cover the field.
import type { GraphQLResolveInfo } from "graphql";

const PLANNED = Symbol("planned");

type WithPlanned = { [PLANNED]?: Map<string, unknown> };

/** Records that field `responseKey` of `parent` resolves to `value` (null included). */
export function attachPlanned(parent: object, responseKey: string, value: unknown): void {
  const p = parent as WithPlanned;
  (p[PLANNED] ??= new Map()).set(responseKey, value);
}

/** The value planned for response key `key` of `parent`, or undefined when the planner left it to the loaders. */
export function plannedFor(parent: object, key: string): unknown {
  return (parent as WithPlanned)[PLANNED]?.get(key);
}

/** The value planned for the field being resolved on `parent`, or undefined when the planner left it to the loaders. */
export function plannedValue<T>(parent: object, info: GraphQLResolveInfo): T | undefined {
  return plannedFor(parent, info.path.key as string) as T | undefined;
}
