// Who performs a write, and when: the slice of the request context that write services need.
import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Role, Viewer } from "./identity";
import { hasRole } from "./roles";
import type { Visibility } from "./visibility";

/** The request context (src/graphql/context.ts) extends this, so services take either. */
export interface Actor {
  user: Viewer | null;
  /** The client's address, for anonymous rate limits; null when unknown. */
  ip: string | null;
  /** The request's clock: everything time-dependent reads this, so tests can set it. */
  now: Date;
  /** What this viewer may see beyond published content (drafts, held comments). */
  visibility: Visibility;
}

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireUser(actor: Actor): Viewer {
  if (!actor.user) throw new UnauthenticatedError();
  return actor.user;
}

/** The signed-in viewer holding `role`, or UNAUTHENTICATED / FORBIDDEN (a guard for services used outside GraphQL too). */
export function requireRole(actor: Actor, role: Role): Viewer {
  const user = requireUser(actor);
  if (!hasRole(user, role)) throw new ForbiddenError(`This needs the ${role} role.`);
  return user;
}

/** The rate-limit key of the actor: its user, or its address when anonymous. */
export function rateKey(actor: Actor): string {
  return actor.user ? `user:${actor.user.id}` : `ip:${actor.ip ?? "unknown"}`;
}
