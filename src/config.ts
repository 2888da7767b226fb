// Every setting newsgraph reads from the environment, validated once at start-up.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

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
  /** Where the embedded database keeps its files. */
  DATA_DIR: z.string().min(1).default("./data"),
  /** Connections in the pool for a real PostgreSQL server (the embedded one always uses 1). */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Load the seed article when the database holds no article. */
  SEED_ON_EMPTY: bool.default(true),
  /** Serve introspection. Default: on outside production, off in production. */
  INTROSPECTION: bool.optional(),
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
  /** Plan the root fields `article`, `articles` and `quotes` into one SQL statement each (src/planner); off: every nested list goes through its batched loader. */
  READ_PLANNER: bool.default(true),
  /** Answer queries the read planner covers whole without graphql-js's executor, and repeats of them without Apollo's pipeline (src/planner/direct-execution.ts, src/http/direct-lane.ts); only with READ_PLANNER, not in gateway mode. */
  DIRECT_EXECUTION: bool.default(true),
  /** How many distinct read-planner statement texts (unique-key lookups and unfiltered lists) run as named prepared statements on a PostgreSQL server (0: none). The embedded database never uses them. */
  DB_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(500),
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
  /** Lifetime of tokens printed by `newsgraph token`, e.g. `12h`, `30d`. */
  AUTH_TOKEN_TTL: z.string().regex(/^\d+\s*[smhdw]$/, "AUTH_TOKEN_TTL must look like 30m, 12h or 7d").default("12h"),
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
  /** Exports (`GET /export/quotes`) one address may start per EXPORT_ANONYMOUS_RATE_WINDOW_SECONDS without an analyst, editor or admin token (public data only); 0: exports need such a token. */
  EXPORT_ANONYMOUS_RATE_LIMIT: z.coerce.number().int().min(0).default(10),
  /** The window of EXPORT_ANONYMOUS_RATE_LIMIT, in seconds. */
  EXPORT_ANONYMOUS_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** Serve the analysts' page at /explore. Default: on outside production, off in production. */
  EXPLORE_PAGE: bool.optional(),
});

/** Every setting's name, in the order above. */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export type Config = z.infer<typeof schema> & { introspection: boolean; embedded: boolean };

/** Names of settings that must never be logged. */
export const SECRET_SETTINGS = ["DATABASE_URL", "ADMIN_API_KEY", "AUTH_JWT_SECRET", "REDIS_URL"] as const;

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
  return { ...c, introspection: c.INTROSPECTION ?? c.NODE_ENV !== "production", embedded: !c.DATABASE_URL };
}

/** The configuration with secrets masked, for logs. */
export function describeConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of SECRET_SETTINGS) if (out[key] !== undefined) out[key] = "***";
  return out;
}
