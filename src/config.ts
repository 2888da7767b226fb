// Every setting newsgraph reads from the environment, validated once at start-up.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

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
  /** pino log level. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Key that grants admin rights through the `x-admin-key` header (until token auth exists). Secret. */
  ADMIN_API_KEY: z.string().min(16, "ADMIN_API_KEY must be at least 16 characters").optional(),
});

export type Config = z.infer<typeof schema> & { introspection: boolean; embedded: boolean };

/** Names of settings that must never be logged. */
export const SECRET_SETTINGS = ["DATABASE_URL", "ADMIN_API_KEY"] as const;

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
