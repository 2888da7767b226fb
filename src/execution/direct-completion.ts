// The completion walk of the direct execution: graphql-js's completeValue for the fields it lets through
// (planned values, plain properties, totalCount, __typename, leaves through their type's serialize),
// throwing NOT_DIRECT wherever graphql-js could answer differently.
import {
  GraphQLEnumType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import { plannedFor } from "../planner/planned";
import { servedRole } from "../planner/planned-fields";

/** Thrown inside the walk: this answer is graphql-js's to give. */
export class NotDirect extends Error {}
export const NOT_DIRECT = new NotDirect("answered by graphql-js");

export type Fragments = Record<string, FragmentDefinitionNode>;

/** One field of an object's selection, ready to complete: where its value comes from and how to complete it. */
interface FieldStep {
  key: string;
  name: string;
  /** __typename: the type's name; plain: the parent's property; planned: the planner's value; count: `count()`. */
  source: "typename" | "plain" | "planned" | "count";
  nodes: readonly FieldNode[];
  complete: Completer;
}

/** Completes a value of one output type (graphql-js's completeValue, for what `eligible` lets through). */
type Completer = (w: Walk, nodes: readonly FieldNode[], value: unknown) => unknown;

export interface Walk {
  schema: GraphQLSchema;
  fragments: Fragments;
  variables: Record<string, unknown>;
  /** An object type's selection per field-node list (graphql-js's collectSubfields), worked out once per request. */
  steps: Map<GraphQLObjectType, WeakMap<readonly FieldNode[], FieldStep[]>>;
}

function stepsOf(w: Walk, type: GraphQLObjectType, nodes: readonly FieldNode[]): FieldStep[] {
  let byNodes = w.steps.get(type);
  if (!byNodes) w.steps.set(type, (byNodes = new WeakMap()));
  let steps = byNodes.get(nodes);
  if (steps) return steps;
  steps = [];
  const defs = type.getFields();
  for (const [key, fieldNodes] of collectSubfields(w.schema, w.fragments, w.variables, type, nodes)) {
    const name = fieldNodes[0].name.value;
    if (name === "__typename") {
      steps.push({ key, name, source: "typename", nodes: fieldNodes, complete: (_w, _n, v) => v });
      continue;
    }
    const def = defs[name];
    const role = servedRole(def.resolve);
    if (def.resolve && !role) throw NOT_DIRECT;
    steps.push({ key, name, source: def.resolve ? role! : "plain", nodes: fieldNodes, complete: completerFor(def.type) });
  }
  byNodes.set(nodes, steps);
  return steps;
}

function isThenable(v: unknown): boolean {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

function completeObject(w: Walk, type: GraphQLObjectType, nodes: readonly FieldNode[], source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const step of stepsOf(w, type, nodes)) {
    let value: unknown;
    switch (step.source) {
      case "typename":
        value = type.name;
        break;
      case "plain":
        value = source[step.name];
        // graphql-js's default resolver calls a function-valued property; nothing planned has one.
        if (typeof value === "function") throw NOT_DIRECT;
        break;
      case "planned":
        value = plannedFor(source, step.key);
        if (value === undefined) throw NOT_DIRECT;
        break;
      case "count":
        if (typeof source.count !== "function") throw NOT_DIRECT;
        value = (source.count as () => unknown)();
        if (isThenable(value)) throw NOT_DIRECT;
        break;
    }
    out[step.key] = step.complete(w, step.nodes, value);
  }
  return out;
}

/**
 * The completer of a type, made once per type: graphql-js's checks (isNonNullType, isListType, …) cost
 * more than the completion itself when run for every value, outside NODE_ENV=production above all.
 */
const completers = new WeakMap<GraphQLOutputType, Completer>();

const notDirect: Completer = () => {
  throw NOT_DIRECT;
};

export function completerFor(type: GraphQLOutputType): Completer {
  let c = completers.get(type);
  if (c) return c;
  if (type instanceof GraphQLNonNull) {
    const inner = completerFor(type.ofType);
    c = (w, nodes, value) => {
      const v = inner(w, nodes, value);
      // graphql-js answers a null here with an error and a null further up.
      if (v === null) throw NOT_DIRECT;
      return v;
    };
  } else if (type instanceof GraphQLList) {
    const inner = completerFor(type.ofType);
    c = (w, nodes, value) => {
      if (value === null || value === undefined) return null;
      if (!Array.isArray(value)) throw NOT_DIRECT;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = inner(w, nodes, value[i]);
      return out;
    };
  } else if (type instanceof GraphQLScalarType || type instanceof GraphQLEnumType) {
    const leaf = type;
    c = (_w, _nodes, value) => {
      if (value === null || value === undefined) return null;
      let serialized: unknown;
      try {
        serialized = leaf.serialize(value);
      } catch {
        throw NOT_DIRECT;
      }
      // graphql-js refuses a leaf its type serializes to nothing.
      if (serialized === null || serialized === undefined) throw NOT_DIRECT;
      return serialized;
    };
  } else if (type instanceof GraphQLObjectType) {
    const object = type;
    c = (w, nodes, value) => (value === null || value === undefined ? null : completeObject(w, object, nodes, value as Record<string, unknown>));
  } else {
    // Interfaces and unions: `eligible` keeps them out.
    c = notDirect;
  }
  completers.set(type, c);
  return c;
}
