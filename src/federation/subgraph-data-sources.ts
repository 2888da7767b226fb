// How the gateway talks to each subgraph: the news subgraph in-process (no HTTP hop, same request
// context, so the same viewer, clock and DataLoaders), the others over HTTP with the caller's
// Authorization header and request id passed on. A subgraph that cannot be reached answers with one
// SUBGRAPH_UNAVAILABLE error per field it was asked for, so the rest of the result still arrives.
import { LocalGraphQLDataSource, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { Kind, parse, type DocumentNode, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type SelectionSetNode } from "graphql";
import type { RequestContext } from "../graphql/context";

/** Code of the errors a failed subgraph leaves on the fields it should have resolved. */
export const SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE";

type ProcessOptions = GraphQLDataSourceProcessOptions<RequestContext>;
type GatewayGraphQLResponse = Awaited<ReturnType<LocalGraphQLDataSource["process"]>>;
type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** True for a request made on behalf of a client operation (not the schema-loading `_service` query). */
function isIncoming(options: ProcessOptions): options is Extract<ProcessOptions, { incomingRequestContext: unknown }> {
  return "incomingRequestContext" in options;
}

/**
 * The news subgraph, executed in this process. Its errors are formatted as in standalone mode
 * before the gateway merges them, so internal details stay hidden in production either way.
 */
export class InProcessDataSource extends LocalGraphQLDataSource<RequestContext> {
  constructor(
    schema: GraphQLSchema,
    private readonly formatError: FormatError,
  ) {
    super(schema);
  }

  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const response = await super.process(options);
    if (!response.errors?.length) return response;
    const errors = (response.errors as GraphQLError[]).map((error) => {
      const formatted = this.formatError(typeof error.toJSON === "function" ? error.toJSON() : error, error);
      const code = formatted.extensions?.code;
      if ((code === undefined || code === "INTERNAL_SERVER_ERROR") && isIncoming(options)) {
        options.context.logger?.error({ err: error.originalError ?? error, path: error.path }, "news subgraph error");
      }
      return formatted;
    });
    return { ...response, errors };
  }
}

/** The response keys a fetch asked for: per entity type for an `_entities` fetch, else the root fields. */
function requestedFields(document: DocumentNode | undefined): { root: string[]; byType: Map<string, string[]> } {
  const root: string[] = [];
  const byType = new Map<string, string[]>();
  if (!document) return { root, byType };
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const fieldsOf = (set: SelectionSetNode, into: (type: string | null, key: string) => void, type: string | null): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== "__typename") into(type, (sel.alias ?? sel.name).value);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        fieldsOf(sel.selectionSet, into, sel.typeCondition?.name.value ?? type);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (fragment) fieldsOf(fragment.selectionSet, into, fragment.typeCondition.name.value);
      }
    }
  };
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return { root, byType };
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === "_entities");
  if (entities && entities.kind === Kind.FIELD && entities.selectionSet) {
    fieldsOf(
      entities.selectionSet,
      (type, key) => {
        if (type) byType.set(type, [...(byType.get(type) ?? []), key]);
      },
      null,
    );
  } else {
    fieldsOf(operation.selectionSet, (_type, key) => root.push(key), null);
  }
  return { root, byType };
}

function parseQuietly(query: string | undefined): DocumentNode | undefined {
  try {
    return query ? parse(query) : undefined;
  } catch {
    return undefined;
  }
}

/** One error per field the failed fetch should have filled, each with the path the gateway maps back onto the result. */
export function unavailableErrors(serviceName: string, options: ProcessOptions, reason: string): GraphQLFormattedError[] {
  const message = `The ${serviceName} subgraph is unavailable (${reason}); its fields are null.`;
  const extensions = { code: SUBGRAPH_UNAVAILABLE, serviceName };
  const { root, byType } = requestedFields(parseQuietly(options.request.query));
  const representations = options.request.variables?.representations;
  if (Array.isArray(representations)) {
    return representations.flatMap((rep: { __typename?: string }, i: number) =>
      (byType.get(rep?.__typename ?? "") ?? []).map((key) => ({ message, path: ["_entities", i, key], extensions })),
    );
  }
  return root.length ? root.map((key) => ({ message, path: [key], extensions })) : [{ message, extensions }];
}

function isStaleConnection(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === "ECONNRESET" || /socket hang up/i.test(e?.message ?? "");
}

function isQueryBody(body: unknown): boolean {
  try {
    const query = typeof body === "string" ? (JSON.parse(body) as { query?: string }).query : undefined;
    return typeof query === "string" && /^\s*(query\b|\{)/.test(query);
  } catch {
    return false;
  }
}

/** Another team's subgraph, over HTTP. */
export class ForwardingDataSource extends RemoteGraphQLDataSource<RequestContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly timeoutMs: number,
  ) {
    super({ url });
    // Every fetch gets its own deadline: a hung subgraph costs a request at most SUBGRAPH_TIMEOUT_MS
    // to answer (the timer is cleared as soon as it does, so none outlives its request).
    const fetcher = this.fetcher;
    const attempt = async (input: string, init?: object) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      try {
        return await fetcher(input, { ...init, signal: controller.signal } as never);
      } finally {
        clearTimeout(timer);
      }
    };
    this.fetcher = (async (input: string, init?: { body?: unknown }) => {
      try {
        return await attempt(input, init);
      } catch (err) {
        // A kept-alive connection the subgraph closed just as it was reused: the request never reached
        // it. Queries (every entity fetch is one) are sent once more on a fresh connection.
        if (!isStaleConnection(err) || !isQueryBody(init?.body)) throw err;
        return attempt(input, init);
      }
    }) as typeof fetcher;
  }

  override willSendRequest(options: ProcessOptions): void {
    const headers = options.request.http?.headers;
    if (!headers || !isIncoming(options)) return;
    const authorization = options.incomingRequestContext.request.http?.headers.get("authorization");
    if (authorization) headers.set("authorization", authorization);
    if (options.context.requestId) headers.set("x-request-id", options.context.requestId);
  }

  override async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    if (!isIncoming(options)) return super.process(options);
    try {
      return await super.process(options);
    } catch (err) {
      // The client learns which subgraph failed and how; the address and driver text go to the log only.
      const e = err as Error;
      const timedOut = /abort|timeout/i.test(`${e.name} ${e.message}`);
      options.context.logger?.warn({ subgraph: this.serviceName, err: { name: e.name, message: e.message } }, "subgraph unavailable");
      return { errors: unavailableErrors(this.serviceName, options, timedOut ? `no answer within ${this.timeoutMs} ms` : "request failed") };
    }
  }
}
