// Look-ahead at a resolver's selection set, so a list query can fetch what its children will need in
// the same statement (a quote's speaker, an article's outlet) instead of one more round trip.
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

function fieldsNamed(set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo, out: FieldNode[]): void {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value === name) out.push(sel);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      fieldsNamed(sel.selectionSet, name, info, out);
    } else {
      fieldsNamed(info.fragments[sel.name.value]?.selectionSet, name, info, out);
    }
  }
}

/**
 * True when the current field's selection reaches `path` (field names, fragments followed), e.g.
 * `selects(info, "edges", "node", "speaker")` inside a quote connection. Directives (@skip/@include)
 * are not evaluated: a skipped field only costs a join it did not need.
 */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const f of level) fieldsNamed(f.selectionSet, name, info, next);
    if (!next.length) return false;
    level = next;
  }
  return true;
}

/** True when a connection field's edges ask their node for `field`. */
export const nodeSelects = (info: GraphQLResolveInfo, field: string): boolean => selects(info, "edges", "node", field);
