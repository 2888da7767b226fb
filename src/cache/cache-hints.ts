// Cache-control hints of the news graph: how long an answer may be reused and by whom, as Apollo
// Server's `@cacheControl` directive. Apollo's cache-control plugin turns them into each answer's
// `Cache-Control` header and overall policy (the shortest maxAge of the fields in the answer, PRIVATE
// when any of them is private); the response cache (response-cache.plugin.ts) and CDNs go by it.
//
// They are kept in one table, not spread over the decorated classes, so that one file says what is
// cacheable, and a test checks the table covers every object type and root field of the schema.
// Rules: published news is PUBLIC (editorial content for minutes, conversation for seconds);
// moderation data is PRIVATE with maxAge 0, i.e. never stored; mutations carry no hint of their own,
// so their policy follows the type they return (Apollo's rule); the response cache stores queries only.
// Answers to signed-in viewers are made PRIVATE as a whole by viewerCachePolicyPlugin (they may hold
// drafts, held comments, their own pending comments).
import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInt,
  GraphQLObjectType,
  GraphQLSchema,
  Kind,
  isObjectType,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from "graphql";
import { mapSchema, MapperKind } from "@graphql-tools/utils";

export type CacheScope = "PUBLIC" | "PRIVATE";

export interface CacheHint {
  maxAge?: number;
  scope?: CacheScope;
  /** Take the maxAge of the parent field (for wrapper types: connections, edges, page info, summaries). */
  inheritMaxAge?: boolean;
}

/** Editorial content (articles, quotes, speakers, outlets): changes when editors work on it. */
export const EDITORIAL_MAX_AGE = 300;
/** Lists that grow as news is published (the front page, search results). */
export const LIST_MAX_AGE = 60;
/** Reader conversation (comments, reactions): changes all the time. */
export const CONVERSATION_MAX_AGE = 30;

const INHERIT: CacheHint = { inheritMaxAge: true };
const NEVER: CacheHint = { maxAge: 0, scope: "PRIVATE" };

/** Hints on object types: every field returning the type gets it (unless the field has its own). */
export const TYPE_HINTS: Record<string, CacheHint> = {
  Article: { maxAge: EDITORIAL_MAX_AGE },
  Quote: { maxAge: EDITORIAL_MAX_AGE },
  Speaker: { maxAge: EDITORIAL_MAX_AGE },
  Outlet: { maxAge: EDITORIAL_MAX_AGE },
  Comment: { maxAge: CONVERSATION_MAX_AGE },
  Reaction: { maxAge: CONVERSATION_MAX_AGE },
  ReactionSummary: INHERIT,
  SentimentCount: INHERIT,
  PageInfo: INHERIT,
  ArticleConnection: INHERIT,
  ArticleEdge: INHERIT,
  ArticleSpeakerConnection: INHERIT,
  ArticleSpeakerEdge: INHERIT,
  CommentConnection: INHERIT,
  CommentEdge: INHERIT,
  OutletConnection: INHERIT,
  OutletEdge: INHERIT,
  QuoteConnection: INHERIT,
  QuoteEdge: INHERIT,
  QuoteAttribution: INHERIT,
  TextSpan: INHERIT,
  ReactionConnection: INHERIT,
  ReactionEdge: INHERIT,
  SpeakerConnection: INHERIT,
  SpeakerEdge: INHERIT,
  // Analysts' counts (src/analytics): they move with every published quote, like the lists.
  QuoteStatsConnection: { maxAge: LIST_MAX_AGE },
  QuoteBucketEdge: INHERIT,
  QuoteBucket: INHERIT,
  TimelinePoint: INHERIT,
  SpeakerOutletCount: INHERIT,
  CoQuotedSpeaker: INHERIT,
  // Moderators' data, and the reports readers file: never stored anywhere.
  CommentModeration: NEVER,
  CommentReport: NEVER,
  ModerationQueuePage: NEVER,
  ModerationQueueCounts: NEVER,
  // Live sources and watches: editors' and analysts' own state, never stored.
  Source: NEVER,
  Watch: NEVER,
  CreatedWatch: NEVER,
  WebhookDelivery: NEVER,
};

/** Hints on single fields (`Type.field`), overriding the type's. */
export const FIELD_HINTS: Record<string, CacheHint> = {
  // Root lists grow with every published article or quote.
  "Query.articles": { maxAge: LIST_MAX_AGE },
  "Query.quotes": { maxAge: LIST_MAX_AGE },
  "Query.speakers": { maxAge: LIST_MAX_AGE },
  "Query.outlets": { maxAge: EDITORIAL_MAX_AGE },
  "Query.moderationQueue": NEVER,
  "Query.sources": NEVER,
  "Query.watches": NEVER,
  "Query.watchDeliveries": NEVER,
  // Conversation on editorial types: as short-lived as the comments and reactions themselves.
  "Article.comments": { maxAge: CONVERSATION_MAX_AGE },
  "Article.commentCount": { maxAge: CONVERSATION_MAX_AGE },
  "Article.commentsOnPage": { maxAge: CONVERSATION_MAX_AGE },
  "Article.reactions": { maxAge: CONVERSATION_MAX_AGE },
  "Article.reactionSummary": { maxAge: CONVERSATION_MAX_AGE },
  "Comment.moderation": NEVER,
  // Lists inside editorial types grow as news is published.
  "Outlet.articles": { maxAge: LIST_MAX_AGE },
  "Speaker.articles": { maxAge: LIST_MAX_AGE },
  "Speaker.quotes": { maxAge: LIST_MAX_AGE },
  "Speaker.quoteCount": { maxAge: LIST_MAX_AGE },
  "Speaker.lastQuotedAt": { maxAge: LIST_MAX_AGE },
  "Speaker.timeline": { maxAge: LIST_MAX_AGE },
  "Speaker.outlets": { maxAge: LIST_MAX_AGE },
  "Speaker.coQuoted": { maxAge: LIST_MAX_AGE },
  "Query.quoteStats": { maxAge: LIST_MAX_AGE },
  "Quote.appearances": { maxAge: LIST_MAX_AGE },
};

/** Root fields that take their hint from the type they return (lookups by id or slug). */
export const ROOT_FIELDS_BY_TYPE = ["Query.article", "Query.outlet", "Query.quote", "Query.speaker"];

/** Apollo Server's `@cacheControl` directive, as its documentation declares it. */
export const cacheScopeEnum = new GraphQLEnumType({
  name: "CacheControlScope",
  description: "Who may reuse an answer: any cache (PUBLIC), or only the client's own (PRIVATE).",
  values: { PUBLIC: {}, PRIVATE: {} },
});

export const cacheControlDirective = new GraphQLDirective({
  name: "cacheControl",
  description: "How long an answer holding this type or field may be reused, and by whom (Apollo Server cache control).",
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt, description: "Seconds the answer stays fresh." },
    scope: { type: cacheScopeEnum, description: "PUBLIC (default) or PRIVATE." },
    inheritMaxAge: { type: GraphQLBoolean, description: "Take the maxAge of the parent field." },
  },
});

function directiveNode(hint: CacheHint): ConstDirectiveNode {
  const args: ConstDirectiveNode["arguments"] = [
    ...(hint.maxAge !== undefined ? [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "maxAge" }, value: { kind: Kind.INT, value: String(hint.maxAge) } } as const] : []),
    ...(hint.scope ? [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "scope" }, value: { kind: Kind.ENUM, value: hint.scope } } as const] : []),
    ...(hint.inheritMaxAge ? [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "inheritMaxAge" }, value: { kind: Kind.BOOLEAN, value: true } } as const] : []),
  ];
  return { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: "cacheControl" }, arguments: args };
}

/** Names in the tables that the schema does not have (a renamed type or field leaves one behind). */
export function unknownHintTargets(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const name of Object.keys(TYPE_HINTS)) if (!isObjectType(schema.getType(name))) missing.push(name);
  for (const path of [...Object.keys(FIELD_HINTS), ...ROOT_FIELDS_BY_TYPE]) {
    const [type, field] = path.split(".");
    const t = schema.getType(type);
    if (!isObjectType(t) || !t.getFields()[field]) missing.push(path);
  }
  return missing;
}

/** Object types and root query fields the tables leave without a hint (they would make answers uncacheable). */
export function unhintedTargets(schema: GraphQLSchema): string[] {
  const roots = new Set(["Query", "Mutation", "Subscription", "_Service"]);
  const out: string[] = [];
  for (const t of Object.values(schema.getTypeMap())) {
    if (isObjectType(t) && !t.name.startsWith("__") && !roots.has(t.name) && !TYPE_HINTS[t.name]) out.push(t.name);
  }
  for (const f of Object.keys(schema.getQueryType()?.getFields() ?? {})) {
    const path = `Query.${f}`;
    if (!f.startsWith("_") && !FIELD_HINTS[path] && !ROOT_FIELDS_BY_TYPE.includes(path)) out.push(path);
  }
  return out;
}

/** The schema with the hints above as `@cacheControl` directives on its types and fields. */
export function withCacheHints(schema: GraphQLSchema): GraphQLSchema {
  const missing = unknownHintTargets(schema);
  if (missing.length) throw new Error(`Cache hints name what the schema lacks: ${missing.join(", ")} (src/cache/cache-hints.ts).`);
  const config = schema.toConfig();
  const hinted = new GraphQLSchema({
    ...config,
    directives: [...config.directives.filter((d) => d.name !== "cacheControl"), cacheControlDirective],
    types: [...config.types.filter((t) => t.name !== "CacheControlScope"), cacheScopeEnum],
  });
  return mapSchema(hinted, {
    [MapperKind.OBJECT_TYPE]: (type) => {
      const hint = TYPE_HINTS[type.name];
      if (!hint) return type;
      // type-graphql leaves astNode unset on types without @Directive; Apollo and the SDL printer only read its directives.
      const astNode = type.astNode ?? ({ kind: Kind.OBJECT_TYPE_DEFINITION, name: { kind: Kind.NAME, value: type.name } } as ObjectTypeDefinitionNode);
      return new GraphQLObjectType({ ...type.toConfig(), astNode: { ...astNode, directives: [...(astNode.directives ?? []), directiveNode(hint)] } });
    },
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const hint = FIELD_HINTS[`${typeName}.${fieldName}`];
      if (!hint) return field;
      const astNode = field.astNode ?? ({ kind: Kind.FIELD_DEFINITION, name: { kind: Kind.NAME, value: fieldName } } as FieldDefinitionNode);
      return { ...field, astNode: { ...astNode, directives: [...(astNode.directives ?? []), directiveNode(hint)] } };
    },
  });
}

function hintText(hint: CacheHint): string {
  const args = [hint.maxAge !== undefined ? `maxAge: ${hint.maxAge}` : "", hint.scope ? `scope: ${hint.scope}` : "", hint.inheritMaxAge ? "inheritMaxAge: true" : ""].filter(Boolean);
  return `@cacheControl(${args.join(", ")})`;
}

/**
 * Writes the hints into SDL printed by graphql's printSchema (which prints directive definitions but
 * not where they are applied), keeping its layout: `type Article @cacheControl(maxAge: 300) {`, and a
 * field's hint after its type, e.g. `commentCount: Int! @cacheControl(maxAge: 30)`.
 */
export function printWithCacheHints(sdl: string): string {
  const lines = sdl.split("\n");
  let type: string | undefined;
  let openField: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const start = /^type (\w+) \{$/.exec(line);
    if (start) {
      type = start[1];
      const hint = TYPE_HINTS[type];
      if (hint) lines[i] = `type ${type} ${hintText(hint)} {`;
      continue;
    }
    if (line === "}") {
      type = undefined;
      continue;
    }
    if (!type) continue;
    const field = /^ {2}(\w+)(\(|:)/.exec(line);
    if (field) openField = field[2] === "(" && !/\): /.test(line) ? field[1] : undefined;
    const name = field ? field[1] : /^ {2}\): /.test(line) ? openField : undefined;
    const ends = field ? !openField : /^ {2}\): /.test(line);
    const hint = name && ends ? FIELD_HINTS[`${type}.${name}`] : undefined;
    if (hint) lines[i] = `${line} ${hintText(hint)}`;
  }
  return lines.join("\n");
}
