// The roles newsgraph knows and what each may do. ADMIN may do everything; every signed-in person may
// act as a READER (comment, react, report), whatever else their token grants.
import type { Role, Viewer } from "./identity";

export const ROLES: readonly Role[] = ["READER", "EDITOR", "MODERATOR", "ANALYST", "ADMIN"];

/**
 * Parses a role name, ignoring ASCII case only (`editor` → EDITOR); null when it is not a role. Not
 * toUpperCase(): its Unicode rules turn `admın` (dotless ı) into ADMIN.
 */
export function parseRole(value: unknown): Role | null {
  if (typeof value !== "string") return null;
  const upper = value.trim().replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
  return (ROLES as readonly string[]).includes(upper) ? (upper as Role) : null;
}

/** True when `viewer` holds `role` (ADMIN holds every role; any signed-in viewer is a READER). */
export function hasRole(viewer: Viewer | null, role: Role): boolean {
  if (!viewer) return false;
  if (role === "READER") return true;
  return viewer.roles.includes(role) || viewer.roles.includes("ADMIN");
}
