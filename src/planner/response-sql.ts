// Response mode of the read planner: SQL that returns a root field's answer exactly as GraphQL would
// serialize it — response keys (aliases), __typename, ISO dates, enum names, Relay edges, pageInfo and
// cursors — so the direct lane (src/http/direct-lane.ts) sends Postgres's JSON text as it is: no
// JSON.parse of the rows, no entity objects, no walk over the answer, no JSON.stringify.
//
// Only what can be written in SQL with the same result is: a field that could come out differently
// (a Float, a non-null field over a nullable column, a relation the viewer may not see under a non-null
// field, an empty page, a refused argument) makes the compile
// throw UNSUPPORTED, and the planner then plans entities as usual, which the direct execution walks the
// way graphql-js would. tests/api/read-planner.test.ts holds both to graphql-js's answers.
//
// Postgres writes JSON with a space around ':' and after ',' ({"a" : 1, "b" : 2}); the text is the same
// JSON value, a little longer, and is sent as it is.
import { GraphQLEnumType, GraphQLList, GraphQLNonNull, GraphQLScalarType, type GraphQLOutputType, type GraphQLResolveInfo } from "graphql";

/** Thrown by a response-mode compile that meets something it cannot write in SQL with graphql-js's result. */
export class Unsupported extends Error {}
export const UNSUPPORTED = new Unsupported("not in response mode");

/** A root field's answer as JSON text (what the planner returns in response mode). */
export class ResponseJson {
  constructor(readonly text: string) {}
}

const WANTS_TEXT = Symbol("wantsResponseText");

/** Marks a root field's resolve info: its planner may answer with a ResponseJson. */
export function askForResponseText(info: GraphQLResolveInfo): GraphQLResolveInfo {
  (info as GraphQLResolveInfo & { [WANTS_TEXT]?: true })[WANTS_TEXT] = true;
  return info;
}

export function wantsResponseText(info: GraphQLResolveInfo): boolean {
  return (info as GraphQLResolveInfo & { [WANTS_TEXT]?: true })[WANTS_TEXT] === true;
}

/** A timestamptz as DateTimeISO serializes a Date: UTC, milliseconds (truncated, as Date parsing does), `Z`. */
export function isoSql(expr: string): string {
  return `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** encodeCursor (src/pagination/cursor.ts) in SQL: base64url, unpadded, of the JSON array of the key texts. */
export function cursorSql(keyExprs: string[]): string {
  const json = keyExprs.map((k) => `coalesce(to_json(${k})::text, 'null')`).join(` || ',' || `);
  return `translate(rtrim(encode(convert_to('[' || ${json} || ']', 'UTF8'), 'base64'), '='), E'+/\\n', '-_')`;
}

/**
 * A leaf field read from column expression `expr`, as its GraphQL type serializes it; `nullable`: whether
 * the column may hold NULL (a non-null field over such a column could need graphql-js's error).
 */
export function leafSql(type: GraphQLOutputType, expr: string, nullable: boolean): string {
  let t = type;
  if (t instanceof GraphQLNonNull) {
    if (nullable) throw UNSUPPORTED;
    t = t.ofType;
  }
  if (t instanceof GraphQLList) {
    const item = t.ofType instanceof GraphQLNonNull ? t.ofType.ofType : t.ofType;
    // text[] columns (topics, aliases): Postgres writes them as JSON arrays of strings.
    if (item instanceof GraphQLScalarType && item.name === "String") return expr;
    throw UNSUPPORTED;
  }
  if (t instanceof GraphQLScalarType) {
    switch (t.name) {
      case "String":
      case "ID":
      case "Boolean":
      case "Int":
        return expr;
      case "DateTimeISO":
        return isoSql(expr);
      default:
        // Float among them: Postgres and JavaScript may print the same number differently.
        throw UNSUPPORTED;
    }
  }
  // Enums whose values are stored under their names.
  if (t instanceof GraphQLEnumType && t.getValues().every((v) => v.value === v.name)) return expr;
  throw UNSUPPORTED;
}
