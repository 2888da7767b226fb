// Who performs a write, and when: the slice of the request context that write services need.
import type { RequestContext, Viewer } from "../graphql/context";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Role } from "../graphql/context";
import { hasRole } from "./roles";

export type Actor = Pick<RequestContext, "user" | "ip" | "now" | "visibility">;

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
