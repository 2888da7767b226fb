// Direct execution of planned reads: a query whose every field the read planner fetches, or that only
// reads a property of its parent, is answered without graphql-js's executor.
//
// The read planner already fetches such a query with one SQL statement per root field and hangs the
// values on their parents (src/planner/planned.ts); graphql-js would then still walk every field of the
// answer through its resolver machinery (a promise-aware call, a path and an info object per field:
// about 640 fields on a front page). Here the root fields run through their own resolvers (type-graphql:
// argument conversion, validation, auth) and the rest of the answer is completed by a small walk that
// does what graphql-js does for these fields: the planned value or the parent's property, leaf values
// through their type's `serialize`, lists, `__typename`, aliases, fragments and @skip/@include.
//
// Whenever that walk meets something it does not do the way graphql-js would, it gives up and the
// request runs through graphql-js as before: a field with a resolver of its own that was not planned,
// an abstract type, a null in a non-null position (graphql-js answers it with an error), a leaf its
// type refuses, a root resolver that throws (so errors keep graphql-js's paths, locations and
// formatting). Which documents can run directly is decided once per document (`eligible`), so other
// queries pay a map lookup. The answer's cache policy is the static one every answer gets
// (src/cache/static-cache-policy.ts), private for a signed-in viewer (response-cache.plugin.ts).
//
// Root fields are asked for the read planner's response mode (src/planner/response-sql.ts): where it
// covers the selection, the planner returns the field's answer as JSON text written by SQL, which the
// direct lane (src/http/direct-lane.ts) sends as it is and Apollo's path parses back into values.
import type { ApolloServerPlugin, GraphQLResponse } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { DocumentNode, GraphQLResolveInfo, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { collectFields } from "graphql/execution/collectFields";
import { getArgumentValues, getVariableValues } from "graphql/execution/values";
import type { RequestContext } from "../graphql/context";
import type { Metrics } from "../observability/metrics";
import { analysisOf, AnalysisSlot } from "../graphql/document-analysis";
import { applyStaticPolicy } from "../cache/static-cache-policy";
import { askForResponseText, ResponseJson } from "../planner/response-sql";
import { completerFor, type Fragments, type Walk } from "./direct-completion";
import { eligible } from "./direct-eligibility";

export { DIRECT_ROOT_FIELDS } from "./direct-eligibility";

/** How many requests were answered directly and how many went back to graphql-js (tests read them; Prometheus has them as newsgraph_planned_reads_total). */
export interface DirectExecutionStats {
  direct: number;
  /** Of those, answered by the direct lane without Apollo's pipeline (src/http/direct-lane.ts; counted even when the time budget had answered first). */
  lane: number;
  /** Of those, answered with JSON the read planner's response mode wrote (src/planner/response-sql.ts). */
  text: number;
  /** Eligible documents that graphql-js answered after all (see the header for why). */
  fallback: number;
}

/** The answer to `operation` without graphql-js, or null when graphql-js must give it (it may also throw). */
async function executeDirectly(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variableInputs: Record<string, unknown>,
  context: RequestContext,
  responseText: boolean,
): Promise<Record<string, unknown> | null> {
  const query = schema.getQueryType()!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableInputs, { maxErrors: 1 });
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const w: Walk = { schema, fragments, variables, steps: new Map() };
  const entries = [...collectFields(schema, fragments, variables, query, operation.selectionSet)];
  // The root fields run through their own resolvers, side by side as graphql-js runs a query's.
  const values = await Promise.all(
    entries.map(async ([key, fieldNodes]) => {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") return query.name;
      const field = query.getFields()[name];
      const args = getArgumentValues(field, fieldNodes[0], variables);
      const info: GraphQLResolveInfo = {
        fieldName: name,
        fieldNodes,
        returnType: field.type,
        parentType: query,
        path: { prev: undefined, key, typename: query.name },
        schema,
        fragments,
        rootValue: undefined,
        operation,
        variableValues: variables,
      };
      return field.resolve!(undefined, args, context, responseText ? askForResponseText(info) : info);
    }),
  );
  const data: Record<string, unknown> = {};
  entries.forEach(([key, fieldNodes], i) => {
    const name = fieldNodes[0].name.value;
    const value = values[i];
    // A planner's answer in response mode is already the field's serialized value.
    data[key] = name === "__typename" || value instanceof ResponseJson ? value : completerFor(query.getFields()[name].type)(w, fieldNodes, value);
  });
  return data;
}

/** The response body `{"data": …}` for data from `DirectExecution.execute`, ResponseJson text written in as it is. */
export function answerText(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) parts.push(`${JSON.stringify(key)}:${value instanceof ResponseJson ? value.text : JSON.stringify(value)}`);
  return `{"data":{${parts.join(",")}}}`;
}

/** Whether an operation may run directly, in its document's analysis (src/graphql/document-analysis.ts). */
const DIRECT_ELIGIBLE = new AnalysisSlot<boolean>("directEligible");

/** A document Apollo Server parsed and validated, and whose operation runs directly. */
export interface DirectDocument {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Fragments;
}

/** How many query texts the lane remembers (src/http/direct-lane.ts), and how many characters of them at most. */
const REMEMBERED_TEXTS = 500;
const REMEMBERED_CHARS = 2 * 2 ** 20;

/**
 * Direct execution for one app: which operations may run directly (decided once per parsed operation),
 * the counts, and the query texts Apollo Server has accepted and that ran directly, for the lane in
 * front of it (src/http/direct-lane.ts), which answers repeats of them without Apollo's pipeline.
 */
export class DirectExecution {
  readonly stats: DirectExecutionStats = { direct: 0, lane: 0, text: 0, fallback: 0 };

  /** @param metrics where the answers are counted for Prometheus (newsgraph_planned_reads_total), if anywhere. */
  constructor(private readonly metrics?: Pick<Metrics, "observePlannedRead">) {}

  /** Query text and operation name → the document Apollo accepted; oldest first (dropped first). */
  private readonly texts = new Map<string, DirectDocument>();

  private textChars = 0;

  /** The operation's fragments when it may run directly, else null (the verdict is kept in the document's analysis). */
  private directFragments(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Fragments | null {
    const analysis = analysisOf(schema, document);
    return analysis.of(operation).get(DIRECT_ELIGIBLE, () => eligible(schema, operation, analysis.fragments)) ? analysis.fragments : null;
  }

  /**
   * The answer's data, or null when graphql-js must answer (counted as a fallback). With `responseText`,
   * root fields may come back as ResponseJson (the read planner's response mode): see `answerText`.
   */
  async execute(
    schema: GraphQLSchema,
    doc: DirectDocument,
    variables: Record<string, unknown>,
    context: RequestContext,
    via: "lane" | "apollo",
    responseText = true,
  ): Promise<Record<string, unknown> | null> {
    let data: Record<string, unknown> | null;
    try {
      data = await executeDirectly(schema, doc.operation, doc.fragments, variables, context, responseText);
    } catch {
      // NOT_DIRECT, or a root resolver's error: graphql-js runs the operation and answers it its way.
      data = null;
    }
    if (data) {
      const postgresJson = Object.values(data).some((v) => v instanceof ResponseJson);
      this.stats.direct += 1;
      if (via === "lane") this.stats.lane += 1;
      if (postgresJson) this.stats.text += 1;
      this.metrics?.observePlannedRead(via === "lane" ? "lane" : "direct", postgresJson);
    } else {
      this.stats.fallback += 1;
      this.metrics?.observePlannedRead("fallback", false);
    }
    return data;
  }

  /** The accepted document a query text and operation name stand for, if it ran directly before. */
  remembered(query: string, operationName: string | null | undefined): DirectDocument | undefined {
    return this.texts.get(`${operationName ?? ""}\n${query}`);
  }

  private remember(query: string, operationName: string | null | undefined, doc: DirectDocument): void {
    const key = `${operationName ?? ""}\n${query}`;
    if (this.texts.has(key) || key.length > REMEMBERED_CHARS / 4) return;
    this.texts.set(key, doc);
    this.textChars += key.length;
    for (const [old] of this.texts) {
      if (this.texts.size <= REMEMBERED_TEXTS && this.textChars <= REMEMBERED_CHARS) break;
      this.texts.delete(old);
      this.textChars -= old.length;
    }
  }

  /**
   * The Apollo Server plugin. Put it after the response cache's plugin (a cache hit answers first) and
   * use it only where the static cache policy replaces Apollo's per-field one, and not in gateway mode.
   */
  plugin(): ApolloServerPlugin<RequestContext> {
    return {
      requestDidStart: async () => ({
        responseForOperation: async (rc): Promise<GraphQLResponse | null> => {
          const { operation, document } = rc;
          // The lane tried this request already and handed it over: graphql-js answers it.
          if (!operation || !document || rc.contextValue.directTried) return null;
          const fragments = this.directFragments(rc.schema, document, operation);
          if (!fragments) return null;
          const doc = { document, operation, fragments };
          // Response mode here too (parsed back into values for Apollo to send), so that a query shape is
          // one statement text whichever way it comes (one prepared statement per shape, not two).
          const data = await this.execute(rc.schema, doc, rc.request.variables ?? {}, rc.contextValue, "apollo");
          if (!data) return null;
          for (const [key, value] of Object.entries(data)) if (value instanceof ResponseJson) data[key] = JSON.parse(value.text);
          // Parsed, validated and limited by Apollo and the plugins before this hook: the lane may answer repeats.
          if (typeof rc.request.query === "string") this.remember(rc.request.query, rc.request.operationName, doc);
          applyStaticPolicy(rc);
          // As viewerCachePolicyPlugin does after graphql-js: a signed-in viewer's answer is private.
          if (rc.contextValue.user) rc.overallCachePolicy.restrict({ scope: "PRIVATE" });
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: { data } } };
        },
      }),
    };
  }
}
