// One analysis per parsed document, cached with it: what the operation limits (cost), the static cache
// policy, the direct execution's eligibility and the response cache need to know about a document, worked
// out once and read by all of them. Apollo Server keeps one DocumentNode per query text (its document
// store) and the direct lane remembers the same node, so a repeated query finds its analysis by identity.
//
// The analysis holds what every reader shares (the fragments by name, the variables that size lists) and,
// per operation, one slot per reader for what that reader derives (AnalysisSlot): the readers own their
// computations, the analysis owns where the results live and how long (as long as the document).
import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";

/** Arguments whose variables size a list: a page (`first`/`last`) or `_entities` representations. */
const PAGE_ARGS: ReadonlySet<string> = new Set(["first", "last"]);
const LIST_ARGS: ReadonlySet<string> = new Set(["representations"]);

/** A typed place for one reader's per-operation result (made once per reader, at module level). */
export class AnalysisSlot<T> {
  declare private readonly type: T;
  constructor(readonly name: string) {}
}

/** What is known about one operation of a document: each reader's result in its slot. */
export class OperationAnalysis {
  private readonly slots = new Map<AnalysisSlot<unknown>, unknown>();

  constructor(readonly operation: OperationDefinitionNode) {}

  /** The reader's result for this operation, computed on first use. */
  get<T>(slot: AnalysisSlot<T>, compute: () => T): T {
    if (this.slots.has(slot)) return this.slots.get(slot) as T;
    const value = compute();
    this.slots.set(slot, value);
    return value;
  }
}

export class DocumentAnalysis {
  /** The document's fragments by name, as graphql-js's execution takes them (GraphQLResolveInfo.fragments). */
  readonly fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  /** Variables used as a page size (`first`/`last`) anywhere in the document. */
  readonly pageVariables: readonly string[];
  /** Variables used as `_entities` representations anywhere in the document. */
  readonly listVariables: readonly string[];

  private readonly operations = new Map<OperationDefinitionNode, OperationAnalysis>();

  constructor(
    readonly schema: GraphQLSchema,
    readonly document: DocumentNode,
  ) {
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments[d.name.value] = d;
    const pages = new Set<string>();
    const lists = new Set<string>();
    visit(document, {
      Argument(node) {
        if (node.value.kind !== Kind.VARIABLE) return;
        if (PAGE_ARGS.has(node.name.value)) pages.add(node.value.name.value);
        else if (LIST_ARGS.has(node.name.value)) lists.add(node.value.name.value);
      },
    });
    this.pageVariables = [...pages];
    this.listVariables = [...lists];
  }

  /** The analysis of one of the document's operations. */
  of(operation: OperationDefinitionNode): OperationAnalysis {
    let analysis = this.operations.get(operation);
    if (!analysis) this.operations.set(operation, (analysis = new OperationAnalysis(operation)));
    return analysis;
  }
}

const analyses = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentAnalysis>>();

/** The analysis of `document` against `schema`, made on first use and kept as long as the document. */
export function analysisOf(schema: GraphQLSchema, document: DocumentNode): DocumentAnalysis {
  let bySchema = analyses.get(schema);
  if (!bySchema) analyses.set(schema, (bySchema = new WeakMap()));
  let analysis = bySchema.get(document);
  if (!analysis) bySchema.set(document, (analysis = new DocumentAnalysis(schema, document)));
  return analysis;
}
