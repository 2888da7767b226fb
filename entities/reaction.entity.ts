// A public reaction to an article: reported by the coverage or submitted by a reader.
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { Article } from "./article.entity";
import { ReactionOrigin } from "./reaction-origin.enum";
import { Sentiment } from "./sentiment.enum";

@ObjectType({ description: "How someone in the public reacted to an article." })
@Entity({ name: "reactions" })
export class Reaction {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "article_id", type: "uuid" })
  articleId: string;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Relation<Article>;

  @Field(() => ReactionOrigin, { description: "Reported in the coverage, or submitted by a reader." })
  @Column({ type: "text" })
  origin: ReactionOrigin;

  @Field(() => String, { nullable: true, description: "What was said, when anything was (reader reactions may be a bare sentiment)." })
  @Column({ type: "text", nullable: true })
  text: string | null;

  @Field(() => Sentiment, { description: "The tone of the reaction." })
  @Column({ type: "text" })
  sentiment: Sentiment;

  @Field(() => String, { nullable: true, description: "Where the reaction was voiced, e.g. `social media`." })
  @Column({ type: "text", nullable: true })
  platform: string | null;

  @Field(() => String, { nullable: true, description: "Display name of whoever reacted, when known." })
  @Column({ name: "author_name", type: "text", nullable: true })
  authorName: string | null;

  /** Subject of the reader's token, for READER reactions (one per reader and article). */
  @Column({ name: "user_id", type: "text", nullable: true })
  userId: string | null;

  @Field(() => Int, { description: "Order within the article's reactions, from 0." })
  @Column({ type: "integer", default: 0 })
  position: number;

  @Field({ description: "When newsgraph stored the reaction." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
