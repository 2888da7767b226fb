// Words attributed to a speaker in an article.
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { Article } from "./article.entity";
import { QuoteKind } from "./quote-kind.enum";
import { Speaker } from "./speaker.entity";

@Directive('@key(fields: "id")')
@ObjectType({ description: "Words in an article attributed to a speaker (or to no one, when the text does not say who)." })
@Entity({ name: "quotes" })
export class Quote {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "article_id", type: "uuid" })
  articleId: string;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Relation<Article>;

  @Column({ name: "speaker_id", type: "uuid", nullable: true })
  speakerId: string | null;

  @ManyToOne(() => Speaker, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "speaker_id" })
  speaker?: Relation<Speaker> | null;

  @Field({ description: "The words inside the quotation marks, without the marks." })
  @Column({ type: "text" })
  text: string;

  @Field(() => QuoteKind, { description: "Direct, partial or indirect." })
  @Column({ type: "text" })
  kind: QuoteKind;

  @Field(() => Int, { nullable: true, description: "Offset of the first character in the article body, when known." })
  @Column({ name: "start_offset", type: "integer", nullable: true })
  startOffset: number | null;

  @Field(() => Int, { nullable: true, description: "Offset just past the last character in the article body, when known." })
  @Column({ name: "end_offset", type: "integer", nullable: true })
  endOffset: number | null;

  @Field(() => String, { nullable: true, description: "The verb or phrase that attributes the quote, e.g. `said`, `stressed`, `described … as`." })
  @Column({ type: "text", nullable: true })
  cue: string | null;

  @Field(() => Int, { description: "Order of the quote within its article, from 0." })
  @Column({ type: "integer" })
  position: number;

  /** How the speaker was found (see `attribution`): the rule, what was followed, the naming words and a confidence. */
  @Column({ name: "attribution_method", type: "text", nullable: true })
  attributionMethod: string | null;

  @Column({ name: "attribution_followed", type: "text", nullable: true })
  attributionFollowed: string | null;

  @Column({ name: "attribution_mention", type: "text", nullable: true })
  attributionMention: string | null;

  @Column({ name: "attribution_mention_start", type: "integer", nullable: true })
  attributionMentionStart: number | null;

  @Column({ name: "attribution_mention_end", type: "integer", nullable: true })
  attributionMentionEnd: number | null;

  @Column({ name: "attribution_confidence", type: "double precision", nullable: true })
  attributionConfidence: number | null;

  /** An editor set the speaker: re-extraction (`newsgraph reattribute`, re-ingest) keeps it as set. */
  @Field({ description: "Whether an editor set the speaker by hand; re-extraction never changes such a speaker." })
  @Column({ name: "speaker_set_by_editor", type: "boolean", default: false })
  speakerSetByEditor: boolean;

  /** Hash of the normalised text; the same words in several articles share it. */
  @Column({ name: "text_hash", type: "text" })
  textHash: string;

  @Field({ description: "When newsgraph stored the quote." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
