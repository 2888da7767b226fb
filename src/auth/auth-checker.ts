// type-graphql's auth checker: `@Authorized()` needs a signed-in viewer, `@Authorized("EDITOR")` that
// role (ADMIN passes every check). Failing answers UNAUTHENTICATED or FORBIDDEN, before any write.
import type { AuthChecker } from "type-graphql";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Actor } from "./actor";
import type { Role } from "./identity";
import { hasRole } from "./roles";

export const authChecker: AuthChecker<Pick<Actor, "user">, Role> = ({ context }, roles) => {
  const viewer = context.user;
  if (!viewer) throw new UnauthenticatedError();
  if (roles.length && !roles.some((r) => hasRole(viewer, r))) {
    throw new ForbiddenError(`This needs the ${roles.join(" or ")} role.`);
  }
  return true;
};
