// Input of addComment.
import { IsOptional, IsString, IsUUID, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import type { AddCommentData } from "../../src/comments/comment-write.service";

@InputType({ description: "A new comment, or a reply when parentId is given." })
export class AddCommentInput implements AddCommentData {
  @Field(() => ID, { description: "The article commented on." })
  @IsUUID("all", { message: "articleId must be an id (UUID)" })
  articleId: string;

  @Field(() => ID, { nullable: true, description: "The comment replied to; omit for a top-level comment." })
  @IsOptional()
  @IsUUID("all", { message: "parentId must be an id (UUID)" })
  parentId?: string | null;

  @Field({ description: "The text: plain text (markup is shown as typed), 1 to 5,000 characters after trimming." })
  @IsString()
  // Generous bound before trimming; the exact rules (NFC, trimmed length, control characters) are the service's.
  @MaxLength(20000, { message: "body must be at most 5000 characters" })
  body: string;
}
