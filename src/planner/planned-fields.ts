// Serves the fields the read planner fetches straight from the planned values, in front of their
// type-graphql resolvers: a planned field then costs graphql-js a map lookup, synchronously, instead of
// argument conversion, validation and a promise per parent row. Without a planned value (the planner
// left the field to its resolver, or is off) the resolver runs as before. None of these fields has an
// auth rule or middleware of its own (see PLANNED_FIELDS), and a planned list's arguments were checked
// by the planner with the same `pageRequest` its resolver uses, so answers and errors are unchanged.
//
// Connections' `totalCount` is served the same way: its type-graphql resolver calls the connection
// value's `count()` (src/pagination/connection.types.ts) through a middleware chain it does not need.
//
// The resolvers set here are marked, so the direct execution of planned reads
// (src/execution/direct-execution.ts) knows these fields even in the subgraph schema, which is rebuilt
// from the same resolver functions.
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { plannedValue } from "./planned";
import { PLANNED_FIELDS } from "./read-planner";

const SERVED = Symbol("plannedFieldsServed");
const ROLE = Symbol("plannedFieldRole");

/** What a resolver set here serves: a planned field, or a connection's totalCount. */
export type ServedRole = "planned" | "count";

type Marked = GraphQLFieldResolver<unknown, unknown> & { [ROLE]?: ServedRole };

function mark(resolve: GraphQLFieldResolver<unknown, unknown>, role: ServedRole): GraphQLFieldResolver<unknown, unknown> {
  (resolve as Marked)[ROLE] = role;
  return resolve;
}

/** The role of a field's resolver when it is one set here, else undefined. */
export function servedRole(resolve: GraphQLFieldResolver<unknown, unknown> | undefined): ServedRole | undefined {
  return resolve ? (resolve as Marked)[ROLE] : undefined;
}

/** The value of a connection's totalCount: `count()` of the connection value (ConnectionValue). */
const totalCount = mark((source) => (source as { count(): unknown }).count(), "count");

/** Puts the planned-value lookup in front of every field the planner can fetch (once per schema). */
export function servePlannedFields(schema: GraphQLSchema): GraphQLSchema {
  const marked = schema as GraphQLSchema & { [SERVED]?: true };
  if (marked[SERVED]) return schema;
  marked[SERVED] = true;
  for (const [typeName, fieldNames] of Object.entries(PLANNED_FIELDS)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const name of fieldNames) {
      const field = fields[name];
      if (!field) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = mark((source, args, context, info) => {
        const planned = plannedValue(source as object, info);
        return planned !== undefined ? planned : resolve(source, args, context, info);
      }, "planned");
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    // Every connection type: edges, pageInfo and totalCount (ConnectionType in src/pagination/connection.types.ts).
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const fields = type.getFields();
    if (fields.totalCount && fields.edges && fields.pageInfo && fields.totalCount.args.length === 0) fields.totalCount.resolve = totalCount;
  }
  return schema;
}
