// Why a comment was held or rejected, and what moderators did: shown to moderators and to the author.
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "The moderation record of a comment. Visible to moderators and to the comment's author." })
export class CommentModeration {
  @Field(() => String, {
    nullable: true,
    description: "The rule that held or rejected the comment: BANNED_WORD, SUSPECT_WORD, LINK or MODERATOR; null when no rule fired.",
  })
  rule: string | null;

  @Field(() => String, { nullable: true, description: "The listed word or phrase, or the link, that triggered the rule." })
  word: string | null;

  @Field(() => String, { nullable: true, description: "The moderator's note on their decision." })
  note: string | null;

  @Field(() => Date, { nullable: true, description: "When a moderator last decided on the comment." })
  decidedAt: Date | null;

  @Field(() => Int, { description: "Open reports from readers (a moderator's decision settles them)." })
  reportCount: number;

  /** Only for moderators; the field resolver loads them. */
  commentId: string;
}
