// Input of updateSpeaker: only the fields given change.
import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { SpeakerKind } from "../../entities/speaker-kind.enum";
import type { SpeakerData } from "../../src/editorial/editorial.service";

@InputType({ description: "Changes to a speaker; omitted fields stay as they are." })
export class UpdateSpeakerInput implements SpeakerData {
  @Field(() => String, { nullable: true, description: "Full name (1 to 200 characters)." })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: "Role or title; null clears it." })
  @IsOptional()
  @MaxLength(300)
  role?: string | null;

  @Field(() => SpeakerKind, { nullable: true, description: "Person, organisation or group." })
  kind?: SpeakerKind;

  @Field(() => [String], { nullable: true, description: "The full list of aliases (replaces the old one)." })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(200, { each: true })
  aliases?: string[];

  @Field(() => String, { nullable: true, description: "Wikidata item id, e.g. `Q7747`; null clears it." })
  @IsOptional()
  @Matches(/^Q[1-9]\d*$/, { message: "wikidataId must look like Q7747" })
  wikidataId?: string | null;

  @Field(() => String, { nullable: true, description: "Gender, e.g. `female`; null clears it." })
  @IsOptional()
  @MaxLength(100)
  gender?: string | null;

  @Field(() => [String], { nullable: true, description: "The full list of occupations (replaces the old one)." })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(200, { each: true })
  occupations?: string[];

  @Field(() => String, { nullable: true, description: "Political party; null clears it." })
  @IsOptional()
  @MaxLength(300)
  party?: string | null;

  @Field(() => String, { nullable: true, description: "Country of citizenship; null clears it." })
  @IsOptional()
  @MaxLength(200)
  country?: string | null;

  @Field(() => String, { nullable: true, description: "Date of birth: `1952-10-07`, `1952-10` or `1952`; null clears it." })
  @IsOptional()
  @Matches(/^-?\d{4}(-\d\d(-\d\d)?)?$/, { message: "dateOfBirth must look like 1952-10-07, 1952-10 or 1952" })
  dateOfBirth?: string | null;
}
