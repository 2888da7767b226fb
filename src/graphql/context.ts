// The context of one GraphQL request: who asks, when, its logger, and its own DataLoaders.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { visibilityFor, type Visibility } from "../auth/visibility";
import type { Database } from "../db/database";
import { Loaders } from "../loaders/loaders";
import type { Services } from "../services";

export type Role = "READER" | "EDITOR" | "MODERATOR" | "ANALYST" | "ADMIN";

export interface Viewer {
  /** Stable subject id (the token's `sub`). */
  id: string;
  name: string;
  roles: Role[];
  /** When the credentials naming this viewer stop being valid (a token's `exp`); none for the admin key. */
  expiresAt?: Date;
}

export interface RequestContext {
  requestId: string;
  /** The request's clock: everything time-dependent reads this, so tests can set it. */
  now: Date;
  user: Viewer | null;
  /** What this viewer may see beyond published content (drafts, held comments); every read service takes it. */
  visibility: Visibility;
  /** The client's address, for anonymous rate limits; null when unknown. */
  ip: string | null;
  logger: Logger;
  db: Database;
  services: Services;
  loaders: Loaders;
  /** The direct lane tried this request and handed it to Apollo: graphql-js answers it (src/http/direct-lane.ts). */
  directTried?: boolean;
}

export interface AppDeps {
  db: Database;
  services: Services;
  logger: Logger;
  clock?: () => Date;
}

export function createContext(deps: AppDeps, init: { user?: Viewer | null; requestId?: string; ip?: string | null } = {}): RequestContext {
  const requestId = init.requestId ?? randomUUID();
  const user = init.user ?? null;
  const visibility = visibilityFor(user);
  return {
    requestId,
    now: deps.clock ? deps.clock() : new Date(),
    user,
    visibility,
    ip: init.ip ?? null,
    logger: deps.logger.child({ requestId }),
    db: deps.db,
    services: deps.services,
    loaders: new Loaders(deps.services, visibility),
  };
}
