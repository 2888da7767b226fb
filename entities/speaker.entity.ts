// A person, organisation or group that is quoted.
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { SpeakerKind } from "./speaker-kind.enum";

@Directive('@key(fields: "id")')
@Directive('@key(fields: "wikidataId")')
@Directive('@key(fields: "slug")')
@ObjectType({ description: "Someone who is quoted: a person, an organisation or a group." })
@Entity({ name: "speakers" })
export class Speaker {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "URL-safe unique name, e.g. `vladimir-putin`." })
  @Column({ type: "text", unique: true })
  slug: string;

  @Field({ description: "Canonical full name, e.g. Vladimir Putin." })
  @Column({ type: "text" })
  name: string;

  @Field(() => String, { nullable: true, description: "Role or title when quoted, e.g. President of Russia." })
  @Column({ type: "text", nullable: true })
  role: string | null;

  @Field(() => SpeakerKind, { description: "Person, organisation or group." })
  @Column({ type: "text", default: SpeakerKind.PERSON })
  kind: SpeakerKind;

  @Field(() => [String], { description: "Every form the coverage used for this speaker, e.g. `Putin`, `Russian President Vladimir Putin`." })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  aliases: string[];

  @Field(() => String, { nullable: true, description: "Wikidata item id, e.g. `Q7747`, when known." })
  @Column({ name: "wikidata_id", type: "text", nullable: true, unique: true })
  wikidataId: string | null;

  @Field(() => String, { nullable: true, description: "Gender as Wikidata gives it (e.g. `female`, `male`), when known; set by editors or `newsgraph speakers enrich`." })
  @Column({ type: "text", nullable: true })
  gender: string | null;

  @Field(() => [String], { description: "Occupations, e.g. `politician`, `economist` (empty when unknown)." })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  occupations: string[];

  @Field(() => String, { nullable: true, description: "Political party (the current membership, when Wikidata says), when known." })
  @Column({ type: "text", nullable: true })
  party: string | null;

  @Field(() => String, { nullable: true, description: "Country of citizenship, when known." })
  @Column({ type: "text", nullable: true })
  country: string | null;

  @Field(() => String, { nullable: true, description: "Date of birth as precise as known: `1952-10-07`, `1952-10` or `1952`." })
  @Column({ name: "date_of_birth", type: "text", nullable: true })
  dateOfBirth: string | null;

  /** Who set wikidataId: EDITOR (never replaced by enrichment), WIKIDATA_ENRICH, or null (ingest). */
  @Column({ name: "wikidata_linked_by", type: "text", nullable: true })
  wikidataLinkedBy: "EDITOR" | "WIKIDATA_ENRICH" | null;

  @Field({ description: "When newsgraph first stored the speaker." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
