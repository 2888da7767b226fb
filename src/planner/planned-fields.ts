// Serves the fields the read planner fetches straight from the planned values, in front of their
// type-graphql resolvers: a planned field then costs graphql-js a map lookup, synchronously, instead of
// argument conversion, validation and a promise per parent row. Without a planned value (the planner
// left the field to its resolver, or is off) the resolver runs as before. None of these fields has an
// auth rule or middleware of its own (see PLANNED_FIELDS), and a planned list's arguments were checked
// by the planner with the same `pageRequest` its resolver uses, so answers and errors are unchanged.
import { defaultFieldResolver, isObjectType, type GraphQLSchema } from "graphql";
import { plannedValue } from "./planned";
import { PLANNED_FIELDS } from "./read-planner";

const SERVED = Symbol("plannedFieldsServed");

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
      field.resolve = (source, args, context, info) => {
        const planned = plannedValue(source as object, info);
        return planned !== undefined ? planned : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
