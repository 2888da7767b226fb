// The context of one GraphQL request: who asks, when, its logger, and its own DataLoaders. It is built
// on top of identity (src/auth), which imports nothing from here.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Actor } from "../auth/actor";
import type { Viewer } from "../auth/identity";
import { visibilityFor } from "../auth/visibility";
import type { Database } from "../db/database";
import { Loaders } from "../loaders/loaders";
import type { Services } from "../services";

/** Identity (`user`, `ip`, `now`, `visibility`: see src/auth/actor.ts) plus what one request carries. */
export interface RequestContext extends Actor {
  requestId: string;
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
