// Which operations the direct execution may answer (src/execution/direct-execution.ts): decided once per
// document (src/graphql/document-analysis.ts keeps the verdict), without variables, so it holds for every
// request with that document.
import {
  getNamedType,
  isLeafType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { servedRole } from "../planner/planned-fields";

/** The root fields the read planner fetches whole (ReadPlanner: article, articles, quotes, speaker). */
export const DIRECT_ROOT_FIELDS: ReadonlySet<string> = new Set(["article", "articles", "quotes", "speaker"]);

/**
 * Whether every field the operation can select is one the walk completes: planned fields, plain fields
 * (no resolver: graphql-js's default), connections' totalCount and __typename, on object types only,
 * under the planner's root fields, with no directive but @skip/@include. Decided without variables, so
 * it holds for every request with this document.
 */
export function eligible(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): boolean {
  const query = schema.getQueryType();
  if (operation.operation !== "query" || !query) return false;
  const onlySkipInclude = (node: { directives?: ReadonlyArray<{ name: { value: string } }> }) => (node.directives ?? []).every((d) => d.name.value === "skip" || d.name.value === "include");

  // A fragment's verdict on a type is the same wherever it is spread: each is walked once (a document
  // whose fragments spread each other ten times over, level after level, stays linear, as in graphql-js).
  const fragmentVerdicts = new Map<string, boolean>();
  const selectionOk = (set: SelectionSetNode, type: GraphQLObjectType, root: boolean): boolean => {
    for (const sel of set.selections) {
      if (!onlySkipInclude(sel)) return false;
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === "__typename") continue;
        const field = type.getFields()[name];
        if (!field) return false;
        if (root) {
          if (!DIRECT_ROOT_FIELDS.has(name)) return false;
        } else if (field.resolve && !servedRole(field.resolve)) return false;
        const named = getNamedType(field.type);
        if (isObjectType(named)) {
          if (!sel.selectionSet || !selectionOk(sel.selectionSet, named, false)) return false;
        } else if (!isLeafType(named)) return false;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        // Validation has checked that a fragment's type condition can apply here; on an object type that
        // means the type itself or an abstract type it belongs to, whose fields it has.
        if (!selectionOk(sel.selectionSet, type, root)) return false;
      } else {
        const key = `${sel.name.value} ${type.name} ${root}`;
        let ok = fragmentVerdicts.get(key);
        if (ok === undefined) {
          const body = fragments[sel.name.value];
          // Validation refuses fragment cycles; were there one, the pending verdict below ends it.
          fragmentVerdicts.set(key, true);
          ok = !!body && onlySkipInclude(body) && selectionOk(body.selectionSet, type, root);
          fragmentVerdicts.set(key, ok);
        }
        if (!ok) return false;
      }
    }
    return true;
  };
  return selectionOk(operation.selectionSet, query, true);
}
