// What a viewer may see beyond published content. Every read service takes one of these, so the rule
// "drafts for editors, held comments for moderators" is decided here and applied in SQL, on every path.
import type { Viewer } from "./identity";
import { hasRole } from "./roles";

export interface Visibility {
  /** Unpublished (DRAFT) articles, and everything that hangs from them. */
  drafts: boolean;
  /** PENDING and REJECTED comments. */
  heldComments: boolean;
}

/** What anonymous readers (and ordinary signed-in readers) see: published content only. */
export const PUBLIC_VISIBILITY: Visibility = Object.freeze({ drafts: false, heldComments: false });

/** Everything, for jobs an operator runs on the command line (`newsgraph export --drafts`). */
export const FULL_VISIBILITY: Visibility = Object.freeze({ drafts: true, heldComments: true });

export function visibilityFor(viewer: Viewer | null): Visibility {
  if (!viewer) return PUBLIC_VISIBILITY;
  return { drafts: hasRole(viewer, "EDITOR"), heldComments: hasRole(viewer, "MODERATOR") };
}
