// Input of createSpeaker.
import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { SpeakerKind } from "../../entities/speaker-kind.enum";
import type { SpeakerData } from "../../src/editorial/editorial.service";

@InputType({ description: "A new speaker." })
export class CreateSpeakerInput implements SpeakerData {
  @Field({ description: "Full name (1 to 200 characters)." })
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true, description: "Role or title, e.g. President of Russia." })
  @IsOptional()
  @MaxLength(300)
  role?: string | null;

  @Field(() => SpeakerKind, { defaultValue: SpeakerKind.PERSON, description: "Person, organisation or group." })
  kind: SpeakerKind;

  @Field(() => [String], { nullable: true, description: "Other forms of the name used in coverage." })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(200, { each: true })
  aliases?: string[];

  @Field(() => String, { nullable: true, description: "Wikidata item id, e.g. `Q7747` (unique)." })
  @IsOptional()
  @Matches(/^Q[1-9]\d*$/, { message: "wikidataId must look like Q7747" })
  wikidataId?: string | null;
}
