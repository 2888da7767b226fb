// The estimated cost of an operation, read before execution: every field costs 1; a connection's selection
// counts once per item asked (`first`/`last` from literals or variables, else the default page size); an
// `_entities` selection counts once per representation, for that representation's type. Remembered per
// parsed operation and per values of the variables that can change it. Also the variables' nesting check
// that must come before anything walks them.
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination/page-request";
import { FIELD_COSTS } from "../analytics/aggregate-cost";
import { analysisOf, AnalysisSlot } from "./document-analysis";

const LIST_SIZE_ARGS = ["first", "last"] as const;

/** The federation root field that resolves a list of representations, and its argument. */
const ENTITIES_FIELD = "_entities";
const REPRESENTATIONS_ARG = "representations";

/** The `__typename` of a representation's value, null when it has none. */
function typenameOfValue(value: unknown): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const t = (value as Record<string, unknown>).__typename;
  return typeof t === "string" ? t : null;
}

/** The `__typename` of a representation written in the document (an object literal or a variable). */
function typenameOf(node: ValueNode, variables: Record<string, unknown>): string | null {
  if (node.kind === Kind.VARIABLE) return typenameOfValue(variables[node.name.value]);
  if (node.kind !== Kind.OBJECT) return null;
  const field = node.fields.find((f) => f.name.value === "__typename");
  return field?.value.kind === Kind.STRING ? field.value.value : null;
}

/**
 * The representations an `_entities` argument holds, counted by `__typename` (null: none given): from the
 * inline list or the variable (a single value is coerced to a list of one).
 */
function representationCounts(value: ValueNode, variables: Record<string, unknown>): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  const add = (t: string | null) => counts.set(t, (counts.get(t) ?? 0) + 1);
  if (value.kind === Kind.LIST) {
    for (const item of value.values) add(typenameOf(item, variables));
  } else if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    if (Array.isArray(v)) for (const item of v) add(typenameOfValue(item));
    else if (v !== undefined && v !== null) add(typenameOfValue(v));
  } else if (value.kind !== Kind.NULL) {
    add(typenameOf(value, variables));
  }
  return counts;
}

/**
 * Whether `value` nests arrays and objects deeper than `max` levels (the variables object itself is level
 * 1). Recursion stops at `max`, so a hostile value cannot overflow the stack here; nothing is allocated.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== "object") return false;
  if (max <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeperThan(value[i], max - 1)) return true;
    return false;
  }
  for (const key in value) if (nestsDeeperThan((value as Record<string, unknown>)[key], max - 1)) return true;
  return false;
}

function intArgument(node: FieldNode, name: string, variables: Record<string, unknown>): number | null | undefined {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return intValue(arg.value, variables);
}

function intValue(value: ValueNode, variables: Record<string, unknown>): number | null | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind === Kind.NULL) return null;
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    if (v === undefined) return undefined;
    if (v === null) return null;
    return typeof v === "number" ? v : Number.NaN;
  }
  return Number.NaN;
}

export interface CostReport {
  cost: number;
  /** A `first`/`last` beyond the page-size cap, if any. */
  oversizedPage?: { argument: string; value: number };
  /** How many representations the operation's `_entities` fields ask to resolve, in all (0 when none). */
  representations: number;
}

/**
 * The estimated cost of `operation`: every field costs 1; a field with `first`/`last` arguments (a
 * connection) multiplies the cost of its selection by the page size asked for, or by the default page
 * size when none is given. `_entities` counts its selection once per representation, priced for the
 * representation's `__typename` (fragments on other types do not count). Fragments are expanded.
 * Introspection fields cost nothing (introspection is switched off in production unless configured).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  maxPageSize = MAX_PAGE_SIZE,
): CostReport {
  const { fragments } = analysisOf(schema, document);
  const report: CostReport = { cost: 0, representations: 0 };
  const fragmentCosts = new Map<string, number>();
  // Variables from the operation's defaults, overridden by the request's.
  const vars: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue?.kind === Kind.INT) vars[v.variable.name.value] = Number.parseInt(v.defaultValue.value, 10);
  }
  Object.assign(vars, variables ?? {});

  // A fragment on another type than a known object parent selects nothing there (validation leaves such
  // fragments only below abstract types, e.g. `_entities`, where the parent is each representation's type).
  const applies = (cond: unknown, parent: GraphQLCompositeType | undefined): boolean =>
    !parent || !isObjectType(parent) || !cond || !isCompositeType(cond) || cond === parent || (isAbstractType(cond) && schema.isSubType(cond, parent));

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, depth: number, seen: Set<string>): number => {
    if (depth > 64) return 0; // depth is limited separately; this only guards the recursion
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        total += fieldCost(sel, parent, depth, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (!applies(cond, parent)) continue;
        total += selectionCost(sel.selectionSet, cond && isCompositeType(cond) ? cond : parent, depth, seen);
      } else {
        const frag = fragments[sel.name.value];
        if (!frag || seen.has(frag.name.value) || !applies(schema.getType(frag.typeCondition.name.value), parent)) continue;
        // Memoised per fragment (its type condition fixes its parent type): fragment "bombs" that
        // spread a fragment ten times, which spreads another ten times, … stay linear to price.
        let cost = fragmentCosts.get(frag.name.value);
        if (cost === undefined) {
          const cond = schema.getType(frag.typeCondition.name.value);
          cost = selectionCost(frag.selectionSet, cond && isCompositeType(cond) ? cond : parent, depth, new Set(seen).add(frag.name.value));
          fragmentCosts.set(frag.name.value, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType | undefined, depth: number, seen: Set<string>): number => {
    const name = node.name.value;
    if (name.startsWith("__")) return 0;
    let def: GraphQLField<unknown, unknown> | undefined;
    if (parent && (isObjectType(parent) || isInterfaceType(parent))) def = parent.getFields()[name];
    if (!node.selectionSet) return 1;
    const child = def ? getNamedType(def.type) : undefined;
    const childType = child && isCompositeType(child) ? child : undefined;
    if (name === ENTITIES_FIELD && depth === 0 && def?.args.some((a) => a.name === REPRESENTATIONS_ARG)) {
      // The federation entry point: its selection runs once per representation, for that one's type.
      const arg = node.arguments?.find((a) => a.name.value === REPRESENTATIONS_ARG);
      let total = 1;
      for (const [typename, n] of arg ? representationCounts(arg.value, vars) : []) {
        const type = typename === null ? undefined : schema.getType(typename);
        report.representations += n;
        total += n * selectionCost(node.selectionSet, type && isObjectType(type) ? type : childType, depth + 1, seen);
      }
      return total;
    }
    // Aggregates cost their grouped scan, and a list without a page size its typical length (FIELD_COSTS).
    const priced = parent ? FIELD_COSTS[`${parent.name}.${name}`] : undefined;
    const own = priced?.cost ?? 1;
    let multiplier = priced?.listSize ?? 1;
    if (def && def.args.some((a) => (LIST_SIZE_ARGS as readonly string[]).includes(a.name))) {
      multiplier = DEFAULT_PAGE_SIZE;
      for (const argName of LIST_SIZE_ARGS) {
        const n = intArgument(node, argName, vars);
        if (n === undefined || n === null) continue;
        if (!Number.isFinite(n)) continue; // wrong types are refused by validation or coercion
        if (n > maxPageSize && !report.oversizedPage) report.oversizedPage = { argument: argName, value: n };
        multiplier = Math.max(0, Math.min(n, maxPageSize));
      }
    }
    return own + multiplier * selectionCost(node.selectionSet, childType, depth + 1, seen);
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  report.cost = selectionCost(operation.selectionSet, root, 0, new Set());
  return report;
}

// Operation costs are remembered in the document's analysis (src/graphql/document-analysis.ts), per
// operation and per values of the variables that can change them: Apollo keeps one parsed document per
// query text, so an operation sent again (with other ids, words or cursors) is priced once, not walked
// again on every request. Only the variables used as `first`/`last` (and the representations' types)
// count in the key: everything else a request sends leaves the cost as it is.
const COSTS = new AnalysisSlot<Map<string, CostReport>>("cost");
/** Distinct page-size values remembered per operation (further ones are priced every time). */
const MAX_COSTS_PER_OPERATION = 64;

/** What a variable contributes to the cost key: its value for a page size; for representations, how many of each type. */
function costKeyPart(variables: Record<string, unknown>, name: string, list: boolean): unknown[] {
  if (!Object.hasOwn(variables, name)) return [];
  const v = variables[name];
  if (!list) return [v];
  const items = Array.isArray(v) ? v : v === null ? [] : [v];
  const counts: Record<string, number> = {};
  for (const item of items) {
    const t = `${typenameOfValue(item)}`;
    counts[t] = (counts[t] ?? 0) + 1;
  }
  return [counts];
}

/** `operationCost`, remembered per operation and page-size variables (see above). */
export function cachedOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxPageSize = MAX_PAGE_SIZE,
): CostReport {
  // A variable that is absent (its default applies) and one sent as null are priced differently: [] vs [null].
  const analysis = analysisOf(schema, document);
  const key = JSON.stringify([maxPageSize, ...analysis.pageVariables.map((n) => costKeyPart(variables, n, false)), ...analysis.listVariables.map((n) => costKeyPart(variables, n, true))]);
  const byKey = analysis.of(operation).get(COSTS, () => new Map());
  let report = byKey.get(key);
  if (!report) {
    report = operationCost(schema, document, operation, variables, maxPageSize);
    if (byKey.size < MAX_COSTS_PER_OPERATION) byKey.set(key, report);
  }
  return report;
}
