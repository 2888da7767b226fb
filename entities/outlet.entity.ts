// The publication an article comes from.
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A publication that articles come from: a newspaper, a site, a feed." })
@Entity({ name: "outlets" })
export class Outlet {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "URL-safe unique name, e.g. `the-guardian`." })
  @Column({ type: "text", unique: true })
  slug: string;

  @Field({ description: "Display name, e.g. The Guardian." })
  @Column({ type: "text" })
  name: string;

  @Field(() => String, { nullable: true, description: "Web domain without scheme, e.g. `theguardian.com`." })
  @Column({ type: "text", nullable: true, unique: true })
  domain: string | null;

  @Field(() => String, { nullable: true, description: "Home page URL." })
  @Column({ type: "text", nullable: true })
  url: string | null;

  @Field({ description: "When newsgraph first stored this outlet." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
