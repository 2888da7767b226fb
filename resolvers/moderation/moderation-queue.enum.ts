// The moderators' queues.
import { registerEnumType } from "type-graphql";

export enum ModerationQueue {
  PENDING = "PENDING",
  REPORTED = "REPORTED",
}

registerEnumType(ModerationQueue, {
  name: "ModerationQueue",
  description: "A moderation queue.",
  valuesConfig: {
    PENDING: { description: "Comments held by the automatic rules (suspect words, links), oldest first." },
    REPORTED: { description: "Published comments that readers reported, oldest first." },
  },
});
