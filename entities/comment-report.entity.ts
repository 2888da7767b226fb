// A reader's report that a comment breaks the rules: one per reader and comment.
import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { Comment } from "./comment.entity";

@ObjectType({ description: "A reader's report on a comment, seen by moderators." })
@Entity({ name: "comment_reports" })
export class CommentReport {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "comment_id", type: "uuid" })
  commentId: string;

  @ManyToOne(() => Comment, { onDelete: "CASCADE" })
  @JoinColumn({ name: "comment_id" })
  comment?: Relation<Comment>;

  @Field({ description: "Subject of the reader who reported it." })
  @Column({ name: "reporter_id", type: "text" })
  reporterId: string;

  @Field({ description: "Why the reader reported it, in their words." })
  @Column({ type: "text" })
  reason: string;

  @Field({ description: "When the report was made." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
