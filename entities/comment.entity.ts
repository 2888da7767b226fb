// A reader comment on an article; replies point at their parent.
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { Article } from "./article.entity";
import { CommentStatus } from "./comment-status.enum";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A reader comment on an article. Top-level comments have replies." })
@Entity({ name: "comments" })
export class Comment {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "article_id", type: "uuid" })
  articleId: string;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Relation<Article>;

  @Field(() => ID, { nullable: true, description: "The comment this one replies to; null for a top-level comment." })
  @Column({ name: "parent_id", type: "uuid", nullable: true })
  parentId: string | null;

  @ManyToOne(() => Comment, { nullable: true, onDelete: "CASCADE" })
  @JoinColumn({ name: "parent_id" })
  parent?: Relation<Comment> | null;

  @Field({ description: "Display name of the author." })
  @Column({ name: "author_name", type: "text" })
  authorName: string;

  /** Subject of the author's token. */
  @Column({ name: "author_id", type: "text", nullable: true })
  authorId: string | null;

  @Field({ description: "The comment as plain text (markup is not interpreted)." })
  @Column({ type: "text" })
  body: string;

  @Field(() => CommentStatus, { description: "Moderation state. The public only ever sees PUBLISHED comments." })
  @Column({ type: "text", default: CommentStatus.PUBLISHED })
  status: CommentStatus;

  @Field({ description: "When the comment was posted." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: "When the author last edited the comment, if ever." })
  @Column({ name: "edited_at", type: "timestamptz", nullable: true })
  editedAt: Date | null;

  @Field(() => Int, { description: "Nesting level: 1 for a top-level comment, 2 for a reply to it, and so on." })
  @Column({ type: "integer", default: 1 })
  depth: number;

  @Field(() => Date, { nullable: true, description: "When the comment was deleted (its text is then gone from every thread)." })
  @Column({ name: "deleted_at", type: "timestamptz", nullable: true })
  deletedAt: Date | null;

  /** The moderation rule that held or rejected the comment (BANNED_WORD, SUSPECT_WORD, LINK, REPORTED, MODERATOR). */
  @Column({ name: "moderation_rule", type: "text", nullable: true })
  moderationRule: string | null;

  /** The word, phrase or link that triggered `moderationRule`. */
  @Column({ name: "moderation_word", type: "text", nullable: true })
  moderationWord: string | null;

  /** The moderator's note on their decision. */
  @Column({ name: "moderation_note", type: "text", nullable: true })
  moderationNote: string | null;

  /** Subject of the moderator who decided last. */
  @Column({ name: "moderated_by", type: "text", nullable: true })
  moderatedBy: string | null;

  @Column({ name: "moderated_at", type: "timestamptz", nullable: true })
  moderatedAt: Date | null;

  /** How many readers reported the comment. */
  @Column({ name: "report_count", type: "integer", default: 0 })
  reportCount: number;
}
