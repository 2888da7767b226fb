// What a cached answer depends on, read from the answer itself and the operation that produced it
// (never from inside resolvers, so any read path can be cached): every object in the answer with its
// type and id, and the root lists and lookups whose membership may change.
//
// Tags (each an envelop response-cache entity `{ typename, id }`, stored as `typename:id`):
//   Article:<id>   the answer shows that article (any of its fields, nested lists included)
//   Article:?      the answer shows an Article whose id was not selected: any article change drops it
//   Article:list   a root list or lookup of articles (`articles`, `article` answering null) that a newly
//                  visible or removed article could change
// Writes name what they change in the same terms (content-changes.ts), and the cache drops every
// answer holding one of those tags.
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export interface CacheTag {
  typename: string;
  id: string;
}

/** The answers that show this object. */
export const entityTag = (typename: string, id: string): CacheTag => ({ typename, id });
/** The answers that show some object of this type without its id. */
export const anyWithoutIdTag = (typename: string): CacheTag => ({ typename, id: "?" });
/** The root lists and lookups of this type (they change when an item appears or disappears). */
export const listTag = (typename: string): CacheTag => ({ typename, id: "list" });

export const tagKey = (t: CacheTag) => `${t.typename}:${t.id}`;

/** The type a list or connection field is a list of: `[Article!]!` → Article, `ArticleConnection` → Article (edges.node). */
function itemType(type: GraphQLOutputType): GraphQLCompositeType | undefined {
  let t = type;
  if (isNonNullType(t)) t = t.ofType;
  if (isListType(t)) {
    const named = getNamedType(t);
    return isCompositeType(named) ? named : undefined;
  }
  const named = getNamedType(t);
  if (!isObjectType(named)) return named && isCompositeType(named) ? named : undefined;
  const edges = named.getFields().edges;
  if (!edges) return named;
  const edge = getNamedType(edges.type);
  const node = isObjectType(edge) ? edge.getFields().node : undefined;
  const nodeType = node ? getNamedType(node.type) : undefined;
  return nodeType && isCompositeType(nodeType) ? nodeType : named;
}

export interface TagInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  data: Record<string, unknown> | null | undefined;
}

/** The tags of one query's answer. */
export function collectCacheTags({ schema, operation, fragments, data }: TagInput): CacheTag[] {
  const tags = new Map<string, CacheTag>();
  const add = (t: CacheTag) => tags.set(tagKey(t), t);
  const root = schema.getQueryType();
  if (!root || !data) return [];

  const typeOf = (parent: GraphQLCompositeType, value: Record<string, unknown>, typenameKey?: string): GraphQLObjectType[] => {
    if (isObjectType(parent)) return [parent];
    const named = typenameKey ? schema.getType(String(value[typenameKey])) : undefined;
    if (named && isObjectType(named)) return [named];
    return isAbstractType(parent) ? [...schema.getPossibleTypes(parent)] : [];
  };

  const visit = (value: unknown, parentType: GraphQLCompositeType, selectionSet: SelectionSetNode): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, parentType, selectionSet);
      return;
    }
    const obj = value as Record<string, unknown>;
    const typenameSel = selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === "__typename");
    const typenameKey = typenameSel?.kind === Kind.FIELD ? (typenameSel.alias?.value ?? "__typename") : undefined;
    for (const type of typeOf(parentType, obj, typenameKey)) {
      const fields = selectedFields(schema, fragments, selectionSet, type);
      if (type.getFields().id) {
        const idField = fields.find((f) => f.name === "id");
        const id = idField ? obj[idField.key] : undefined;
        add(typeof id === "string" || typeof id === "number" ? entityTag(type.name, String(id)) : anyWithoutIdTag(type.name));
      }
      for (const f of fields) {
        const def = type.getFields()[f.name];
        if (!def || !f.selectionSet) continue;
        const named = getNamedType(def.type);
        if (isCompositeType(named)) visit(obj[f.key], named, f.selectionSet);
      }
    }
  };

  for (const f of selectedFields(schema, fragments, operation.selectionSet, root)) {
    const def = root.getFields()[f.name];
    if (!def) continue;
    const item = itemType(def.type);
    // A root list, or a lookup that found nothing, changes when an item of its type appears.
    const isList = item !== getNamedType(def.type) || isListType(isNonNullType(def.type) ? def.type.ofType : def.type);
    if (item && (isList || data[f.key] === null)) {
      for (const t of isAbstractType(item) ? schema.getPossibleTypes(item) : [item]) add(listTag(t.name));
    }
    const named = getNamedType(def.type);
    if (f.selectionSet && isCompositeType(named)) visit(data[f.key], named, f.selectionSet);
  }
  return [...tags.values()];
}

interface SelectedField {
  /** The key the field has in the answer (its alias, or its name). */
  key: string;
  name: string;
  selectionSet?: SelectionSetNode;
}

/** The fields a selection set selects on `type`, fragments spread in. */
function selectedFields(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  selectionSet: SelectionSetNode,
  type: GraphQLObjectType,
  out: SelectedField[] = [],
): SelectedField[] {
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) out.push({ key: sel.alias?.value ?? sel.name.value, name: sel.name.value, selectionSet: sel.selectionSet });
    else {
      const frag = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
      if (!frag) continue;
      const cond = frag.typeCondition ? schema.getType(frag.typeCondition.name.value) : type;
      if (cond === type || (cond && isAbstractType(cond) && schema.isSubType(cond, type))) selectedFields(schema, fragments, frag.selectionSet, type, out);
    }
  }
  return out;
}
