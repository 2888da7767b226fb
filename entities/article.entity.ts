// A news article: the node the rest of the graph hangs from.
import { Directive, Field, ID, Int as Int_, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from "typeorm";
import { ArticleStatus } from "./article-status.enum";
import { Outlet } from "./outlet.entity";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A news article, with who it quotes and how the public reacted." })
@Entity({ name: "articles" })
export class Article {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "URL-safe unique name derived from the title." })
  @Column({ type: "text", unique: true })
  slug: string;

  @Field(() => String, { nullable: true, description: "Canonical URL of the original article, when known." })
  @Column({ type: "text", nullable: true, unique: true })
  url: string | null;

  @Field({ description: "Headline." })
  @Column({ type: "text" })
  title: string;

  @Field({ description: "Full text, paragraphs separated by blank lines. Quote offsets index into it." })
  @Column({ type: "text" })
  body: string;

  @Field(() => String, { nullable: true, description: "Short standfirst or summary, when the source gives one." })
  @Column({ type: "text", nullable: true })
  summary: string | null;

  @Field(() => Date, { nullable: true, description: "When the outlet published the article (UTC unless the source said otherwise)." })
  @Index()
  @Column({ name: "published_at", type: "timestamptz", nullable: true })
  publishedAt: Date | null;

  @Field(() => String, { nullable: true, description: "Where the article was filed from, e.g. `Moscow, Russia`." })
  @Column({ type: "text", nullable: true })
  dateline: string | null;

  @Field({ description: "BCP 47 language tag of the text, e.g. `en`." })
  @Column({ type: "text", default: "en" })
  language: string;

  @Field(() => [String], { description: "Topic tags, lower case." })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  topics: string[];

  @Column({ name: "outlet_id", type: "uuid", nullable: true })
  outletId: string | null;

  @ManyToOne(() => Outlet, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "outlet_id" })
  outlet?: Relation<Outlet> | null;

  @Field({ description: "SHA-256 of the normalised title and body; the same content ingested twice is one article." })
  @Column({ name: "content_hash", type: "text", unique: true })
  contentHash: string;

  @Field(() => Int_, { nullable: true, description: "How many comments the source page itself showed when it was ingested." })
  @Column({ name: "comments_on_page", type: "integer", nullable: true })
  commentsOnPage: number | null;

  @Field(() => ArticleStatus, { description: "PUBLISHED for everyone; DRAFT articles are visible to editors only." })
  @Column({ type: "text", default: ArticleStatus.PUBLISHED })
  status: ArticleStatus;

  @Field({ description: "When newsgraph first stored the article." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field({ description: "When newsgraph last changed the article." })
  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
