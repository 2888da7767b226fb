// Who is asking: the roles newsgraph knows and the signed-in viewer. This sits below everything else
// (services, loaders, the GraphQL context), so it imports nothing from the rest of newsgraph.

export type Role = "READER" | "EDITOR" | "MODERATOR" | "ANALYST" | "ADMIN";

export interface Viewer {
  /** Stable subject id (the token's `sub`). */
  id: string;
  name: string;
  roles: Role[];
  /** When the credentials naming this viewer stop being valid (a token's `exp`); none for the admin key. */
  expiresAt?: Date;
}
