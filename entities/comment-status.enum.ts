// The moderation state of a reader comment.
import { registerEnumType } from "type-graphql";

export enum CommentStatus {
  PUBLISHED = "PUBLISHED",
  PENDING = "PENDING",
  REJECTED = "REJECTED",
  DELETED = "DELETED",
}

registerEnumType(CommentStatus, {
  name: "CommentStatus",
  description: "The moderation state of a reader comment.",
  valuesConfig: {
    PUBLISHED: { description: "Visible to everyone." },
    PENDING: { description: "Held for a moderator; visible to moderators only." },
    REJECTED: { description: "Refused by moderation; visible to moderators only." },
    DELETED: { description: "Removed by its author or a moderator." },
  },
});
