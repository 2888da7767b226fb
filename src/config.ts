// Every setting newsgraph reads from the environment, validated once at start-up.
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"]).transform((v) => ["true", "1", "yes", "on"].includes(v));

/** SUBGRAPHS: a JSON list of `{ name, url }`; `news` is the in-process news subgraph's own name. */
const subgraphList = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: `must be JSON like [{"name":"factchecks","url":"http://127.0.0.1:4101/graphql"}]` });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(
        z.object({
          name: z
            .string()
            .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "a subgraph name is letters, digits and underscores")
            .refine((n) => n !== "news", "`news` is newsgraph's own subgraph"),
          url: z.string().url(),
        }),
      )
      .min(1)
      .refine((list) => new Set(list.map((s) => s.name)).size === list.length, "subgraph names must be unique"),
  );

/** DATABASE_REPLICA_URLS: comma-separated postgres:// URLs, each once. */
const replicaUrlList = z.string().transform((text, ctx) => {
  const urls = text
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of urls) {
    let ok: boolean;
    try {
      ok = ["postgres:", "postgresql:"].includes(new URL(u).protocol);
    } catch {
      ok = false;
    }
    if (!ok) ctx.addIssue({ code: "custom", message: `each replica must be a postgres:// URL (got one that is not: "${u.replace(/\/\/[^@/]*@/, "//***@")}")` });
  }
  if (new Set(urls).size !== urls.length) ctx.addIssue({ code: "custom", message: "a replica is listed twice" });
  return urls;
});

/** The settings, with their defaults and meaning. README's configuration table mirrors this list. */
const schema = z.object({
  /** `production` turns off the Sandbox landing page and introspection (unless INTROSPECTION says otherwise). */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Interface the HTTP server listens on. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** PostgreSQL server URL. Unset: the embedded database (PGlite) under DATA_DIR. Secret. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Read replicas of DATABASE_URL (streaming replicas), comma-separated postgres:// URLs. Queries' reads go to a
   * healthy replica; writes, transactions, mutations, subscriptions and cache invalidation stay on the primary,
   * and a viewer who just wrote reads from the primary until a replica has replayed that write. Secret.
   */
  DATABASE_REPLICA_URLS: replicaUrlList.optional(),
  /** A replica behind the primary by more than this many milliseconds gets no reads until it catches up. */
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(2_000),
  /** How often each replica's health and replay position are checked, in milliseconds. */
  REPLICA_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** Where the embedded database keeps its files. */
  DATA_DIR: z.string().min(1).default("./data"),
  /** Connections in the pool for a real PostgreSQL server (the embedded one always uses 1). */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Load the seed article when the database holds no article. */
  SEED_ON_EMPTY: bool.default(true),
  /** Serve introspection. Default: on outside production, off in production. */
  INTROSPECTION: bool.optional(),
  /** Serve the subgraph SDL (`_service { sdl }`) to any client. Default: on outside production; in production only to requests carrying ROUTER_SECRET. */
  FEDERATION_SDL: bool.optional(),
  /** Shared secret a router sends in the `x-router-secret` header to read `_service { sdl }` when FEDERATION_SDL is off. Secret. */
  ROUTER_SECRET: z.string().min(16, "ROUTER_SECRET must be at least 16 characters").optional(),
  /** Deepest field nesting an operation may have (introspection excluded). */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(12),
  /** Aliases one operation may use. */
  MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  /** Directives one operation may use. */
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(10),
  /** Lexical tokens one document may have (checked while parsing). */
  MAX_TOKENS: z.coerce.number().int().min(1).default(2000),
  /** Largest estimated cost of an operation: each field costs 1, and a list's selection counts once per item asked (`first`/`last`, or the default page size). */
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(10000),
  /** Representations one `_entities` call may resolve; its selection's cost counts once per representation. Default: one page's worth (100). */
  MAX_ENTITY_REPRESENTATIONS: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Deepest nesting of arrays and objects in an operation's variables, checked before anything walks them. */
  MAX_VARIABLE_DEPTH: z.coerce.number().int().min(1).max(1_000).default(32),
  /** Operations one HTTP request may batch (a JSON array); 1 turns batching off. */
  MAX_BATCH_OPERATIONS: z.coerce.number().int().min(1).max(100).default(5),
  /** Largest HTTP request body, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Time budget of one HTTP request, in milliseconds: past it the client gets a coded TIMEOUT error (HTTP 503). */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** PostgreSQL statement_timeout of every connection, in milliseconds (0: none). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** How long to wait for a database connection before answering SERVICE_UNAVAILABLE, in milliseconds. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
  /** "Did you mean …" hints in validation errors. Default: on outside production, off in production. */
  FIELD_SUGGESTIONS: bool.optional(),
  /** Comma-separated browser origins allowed by CORS (`*` for any). Outside production Apollo Sandbox's origin is always allowed. */
  CORS_ORIGINS: z.string().default(""),
  /** Accept only the operations of the safelist manifest (SAFELIST_DIR); for production deployments with known clients. */
  SAFELIST: bool.default(false),
  /** Folder of `.graphql` files whose operations make the safelist. */
  SAFELIST_DIR: z.string().min(1).default("schema/operations"),
  /** On SIGTERM, how long readiness answers 503 (so load balancers stop routing) before the server stops taking requests, in milliseconds. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(5_000).default(1_000),
  /** Serve Prometheus metrics at /metrics. */
  METRICS: bool.default(true),
  /** Which operation names get a /metrics label of their own: `known` (those of SAFELIST_DIR's operations and METRICS_OPERATION_NAMES) or `first-seen` (also the first 200 other names clients send). Others count as `(other)`. Default: known in production, first-seen elsewhere. */
  METRICS_OPERATION_LABELS: z.enum(["known", "first-seen"]).optional(),
  /** More operation names (comma-separated) that get their own /metrics label, e.g. your clients' operations. */
  METRICS_OPERATION_NAMES: z.string().optional(),
  /** When set, /metrics answers only requests with `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). Secret. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** Plan the root fields `article`, `articles` and `quotes` into one SQL statement each (src/planner); off: every nested list goes through its batched loader. */
  READ_PLANNER: bool.default(true),
  /** Answer queries the read planner covers whole without graphql-js's executor, and repeats of them without Apollo's pipeline (src/execution/direct-execution.ts, src/http/direct-lane.ts); only with READ_PLANNER, not in gateway mode. */
  DIRECT_EXECUTION: bool.default(true),
  /** How many distinct read-planner statement texts (unique-key lookups and unfiltered lists) run as named prepared statements on a PostgreSQL server (0: none). The embedded database never uses them. */
  DB_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(500),
  /** Largest article text `ingest`, `extract` and ingestArticle take, in UTF-8 bytes: a longer article fails with ARTICLE_TOO_LARGE (the rest of a run goes on). */
  INGEST_MAX_ARTICLE_BYTES: z.coerce.number().int().min(1_000).default(1_000_000),
  /** Log lines as `json` (one object per line, for collectors), `pretty` (readable, pino-pretty) or `auto`: pretty when standard output is a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  /** pino log level. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Key that grants admin rights through the `x-admin-key` header (until token auth exists). Secret. */
  ADMIN_API_KEY: z.string().min(16, "ADMIN_API_KEY must be at least 16 characters").optional(),
  /** HS256 secret that signs and verifies bearer tokens (`newsgraph token` signs with it). Secret. */
  AUTH_JWT_SECRET: z.string().min(32, "AUTH_JWT_SECRET must be at least 32 characters").optional(),
  /** JWKS URL of an identity provider whose tokens newsgraph accepts (RS256/ES256…); used instead of, or beside, AUTH_JWT_SECRET. */
  AUTH_JWKS_URL: z.string().url().optional(),
  /** Required `iss` claim of bearer tokens, when set. */
  AUTH_ISSUER: z.string().min(1).optional(),
  /** Required `aud` claim of bearer tokens, when set. */
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** Longest lifetime a bearer token may have (`exp` − `iat`, or `exp` − now without `iat`), e.g. `30d`; tokens without `exp` are refused. */
  AUTH_MAX_TOKEN_LIFETIME: z
    .string()
    .regex(/^\d+\s*[smhdw]$/, "AUTH_MAX_TOKEN_LIFETIME must look like 30m, 12h or 7d")
    .default("30d"),
  /** Lifetime of tokens printed by `newsgraph token`, e.g. `12h`, `30d`. */
  AUTH_TOKEN_TTL: z
    .string()
    .regex(/^\d+\s*[smhdw]$/, "AUTH_TOKEN_TTL must look like 30m, 12h or 7d")
    .default("12h"),
  /** Let people without a token comment (rate-limited per address). */
  COMMENTS_ALLOW_ANONYMOUS: bool.default(false),
  /** How deep replies nest: 1 allows only top-level comments, 2 allows replies to them, and so on. */
  COMMENTS_MAX_DEPTH: z.coerce.number().int().min(1).max(20).default(3),
  /** How long after posting an author may edit a comment, in seconds. */
  COMMENTS_EDIT_WINDOW_SECONDS: z.coerce.number().int().min(0).default(900),
  /** Comma-separated words or phrases that reject a comment outright (case-insensitive, whole words). */
  COMMENTS_BANNED_WORDS: z.string().default(""),
  /** Comma-separated words or phrases that hold a comment for a moderator (PENDING). */
  COMMENTS_SUSPECT_WORDS: z.string().default(""),
  /** Hold comments that contain links for a moderator. */
  COMMENTS_HOLD_LINKS: bool.default(true),
  /** Comments one user (or, anonymously, one address) may post per COMMENTS_RATE_WINDOW_SECONDS. */
  COMMENTS_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
  /** The window of COMMENTS_RATE_LIMIT, in seconds. */
  COMMENTS_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Other reader writes (edits, reports, reactions) one user or address may make per minute. */
  WRITES_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  /** Redis URL: when set, rate limits and subscription events are shared by every newsgraph process using it. Secret. */
  REDIS_URL: z.string().url().optional(),
  /** Cache anonymous queries' answers (cache-control hints decide what and how long), invalidated by writes; in Redis with REDIS_URL, else in process memory. */
  RESPONSE_CACHE: bool.default(false),
  /** Most answers the in-memory response cache keeps (least recently used go first). */
  RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(1000),
  /** Prefix of the response cache's Redis keys: processes serving the same database share it. */
  RESPONSE_CACHE_PREFIX: z.string().min(1).default("newsgraph:response-cache"),
  /**
   * Gateway mode: other teams' subgraphs to compose with the news graph, as JSON, e.g.
   * `[{"name":"factchecks","url":"http://127.0.0.1:4101/graphql"}]`. They are introspected and composed
   * at start-up (each must be up then). Unset, with SUPERGRAPH_FILE unset too: newsgraph serves its own graph.
   */
  SUBGRAPHS: subgraphList.optional(),
  /** Gateway mode from a supergraph composed ahead of time (`rover supergraph compose`); its news subgraph must be named `news`. */
  SUPERGRAPH_FILE: z.string().min(1).optional(),
  /** Gateway mode: how long to wait for another subgraph's answer, in milliseconds, before its fields get SUBGRAPH_UNAVAILABLE. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Worker threads that extract `ingestArticle` inputs off the main thread (started on first use). */
  INGEST_EXTRACT_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  /** Longest one `ingestArticle` input may take to extract, in milliseconds; past it the worker is stopped and the client gets BAD_USER_INPUT (EXTRACTION_TIMEOUT). */
  INGEST_EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Largest `ingestArticle` input, in bytes (INPUT_TOO_LARGE beyond). */
  INGEST_MAX_INPUT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Heap of each extraction worker thread, in MiB (EXTRACTION_FAILED when an input exhausts it). */
  INGEST_WORKER_MEMORY_MB: z.coerce.number().int().min(32).default(256),
  /** Subscriptions one WebSocket connection may hold open at once. */
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(20),
  /** Subscriptions one signed-in user (or, anonymously, one address) may hold open at once over all its connections to this process. */
  WS_MAX_SUBSCRIPTIONS_PER_CLIENT: z.coerce.number().int().min(1).default(50),
  /** WebSocket connections one address may hold open at once to this process (more are refused with HTTP 429). */
  WS_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /** Poll the live sources (feeds and sitemaps) inside `newsgraph serve`; off when a separate `newsgraph worker` does it. */
  SOURCES_POLL: bool.default(true),
  /** Let sources and webhook URLs reach loopback, private, link-local and metadata addresses (intranets, tests). */
  SOURCES_ALLOW_PRIVATE: bool.default(false),
  /** User-Agent of every fetch of a source, page, robots.txt or webhook; robots.txt rules are matched against it. */
  SOURCES_USER_AGENT: z.string().min(1).default("newsgraph/0.1 (+https://github.com/newsgraph/newsgraph)"),
  /** How long a connection to a source may take, in milliseconds. */
  SOURCES_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(50).default(5_000),
  /** How long one fetch (connect, headers and body) may take, in milliseconds. */
  SOURCES_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** Largest feed, sitemap or page body, in bytes (after decompression). */
  SOURCES_MAX_BYTES: z.coerce.number().int().min(1024).default(5_000_000),
  /** Redirects one fetch may follow. */
  SOURCES_MAX_REDIRECTS: z.coerce.number().int().min(0).max(10).default(3),
  /** Fetches at once to one host. */
  SOURCES_PER_HOST: z.coerce.number().int().min(1).max(32).default(2),
  /** Sources polled at once by one process. */
  SOURCES_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Shortest poll interval a source may have, in seconds. */
  SOURCES_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Longest wait after repeated failures of a source, in seconds. */
  SOURCES_MAX_BACKOFF_SECONDS: z.coerce.number().int().min(1).default(21_600),
  /** How often the poller and the webhook sender look for due work, in milliseconds. */
  SOURCES_TICK_MS: z.coerce.number().int().min(10).default(1_000),
  /** Send webhook deliveries from this process (inside `serve`, or `worker`). */
  WEBHOOKS_DELIVER: bool.default(true),
  /** How long a webhook receiver may take to answer, in milliseconds. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** How long a delivery is retried (with backoff) before it is marked FAILED, in seconds. */
  WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(1).default(86_400),
  /** Webhook requests in flight at once in one process. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  /** Exports (`GET /export/quotes`) one address may start per EXPORT_ANONYMOUS_RATE_WINDOW_SECONDS without an analyst, editor or admin token (public data only); 0: exports need such a token. */
  EXPORT_ANONYMOUS_RATE_LIMIT: z.coerce.number().int().min(0).default(10),
  /** The window of EXPORT_ANONYMOUS_RATE_LIMIT, in seconds. */
  EXPORT_ANONYMOUS_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** Serve the analysts' page at /explore. Default: on outside production, off in production. */
  EXPLORE_PAGE: bool.optional(),
});

/** Every setting's name, in the order above. */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export type Config = z.infer<typeof schema> & { introspection: boolean; federationSdl: boolean; embedded: boolean };

/** Names of settings that must never be logged. */
export const SECRET_SETTINGS = ["DATABASE_URL", "ADMIN_API_KEY", "AUTH_JWT_SECRET", "REDIS_URL", "DATABASE_REPLICA_URLS", "ROUTER_SECRET", "METRICS_TOKEN"] as const;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    raw[key] = value === "" ? undefined : value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  if (c.DATABASE_REPLICA_URLS?.length && !c.DATABASE_URL)
    throw new ConfigError("Invalid configuration:\n  DATABASE_REPLICA_URLS: needs DATABASE_URL (the primary); the embedded database has no replicas");
  // An identity provider signs tokens for many applications: without an audience, a token it issued to
  // another of them would be accepted here. Refused at start-up rather than warned about.
  if (c.AUTH_JWKS_URL && !c.AUTH_AUDIENCE) {
    throw new ConfigError("Invalid configuration:\n  AUTH_AUDIENCE: required with AUTH_JWKS_URL (the `aud` your identity provider puts in tokens for newsgraph)");
  }
  return {
    ...c,
    introspection: c.INTROSPECTION ?? c.NODE_ENV !== "production",
    federationSdl: c.FEDERATION_SDL ?? c.NODE_ENV !== "production",
    embedded: !c.DATABASE_URL,
  };
}

/** The configuration with secrets masked, for logs. */
export function describeConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of SECRET_SETTINGS) if (out[key] !== undefined) out[key] = "***";
  return out;
}
