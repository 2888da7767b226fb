// Plain fields: object fields that only read a property of their parent value.
//
// type-graphql gives every field a resolver, even a bare `@Field() title: string`: the resolver runs the
// field's middlewares and auth rule, then returns `root[propertyName]`. A field with none of those has
// nothing to run, so its resolver is removed and graphql-js reads the property itself (synchronously,
// without type-graphql's middleware chain). A field without a resolver is also what the direct execution
// of planned reads (src/execution/direct-execution.ts) reads straight from the parent value.
//
// A field stays with its resolver when it has an auth rule (`@Authorized`), middlewares, a field
// resolver (`@FieldResolver` in a resolver class, or a method/getter `@Field` on the type), or a schema
// name other than its property's. The schema is built without global middlewares (src/graphql/schema.ts),
// which would otherwise apply to every field.
import { isObjectType, type GraphQLField, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

type Constructor = abstract new (...args: never[]) => unknown;

/** The classes `target` extends, itself first. */
function classChain(target: object): Constructor[] {
  const chain: Constructor[] = [];
  for (let c: unknown = target; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.push(c as Constructor);
  return chain;
}

/** Removes the resolvers of plain fields. */
export function servePlainFields(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    // Abstract base classes (EdgeType, ConnectionType) are not in the schema; their fields are met through subclasses.
    if (!isObjectType(type)) continue;
    const chain = classChain(objectType.target);
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields) as Array<[string, GraphQLField<unknown, unknown>]>) {
      if (!field.resolve) continue;
      // The nearest class in the chain that declares the field decides it (a subclass may redeclare it).
      let meta: (typeof storage.fields)[number] | undefined;
      for (const cls of chain) {
        meta = storage.fields.find((f) => f.target === cls && f.schemaName === name);
        if (meta) break;
      }
      if (!meta || meta.name !== name) continue;
      if (meta.roles !== undefined || (meta.middlewares?.length ?? 0) > 0 || (meta.params?.length ?? 0) > 0) continue;
      const declaredOn = meta.target;
      const resolved = storage.fieldResolvers.some((r) => r.methodName === name && (r.getObjectType?.() === declaredOn || chain.includes(r.getObjectType?.() as Constructor)));
      if (resolved) continue;
      // A getter or method on the class computes the value: leave it to type-graphql.
      if (chain.some((cls) => cls.prototype && Object.getOwnPropertyDescriptor(cls.prototype, name) !== undefined)) continue;
      field.resolve = undefined;
    }
  }
  return schema;
}
