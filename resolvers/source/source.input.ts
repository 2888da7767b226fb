// Inputs of addSource and updateSource.
import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { SourceKind } from "./source-kind.enum";

@InputType({ description: "A feed or sitemap to poll." })
export class AddSourceInput {
  @Field({ description: "The feed or sitemap URL (http or https)." })
  @MaxLength(2048)
  url: string;

  @Field(() => String, { nullable: true, description: "Slug of the outlet its articles belong to (created if new); omitted: the outlet the feed names." })
  @MaxLength(200)
  outlet?: string | null;

  @Field(() => String, { nullable: true, description: "Poll interval, e.g. 90s, 10m, 1h (default 15m; at least SOURCES_MIN_INTERVAL_SECONDS)." })
  @MaxLength(20)
  every?: string | null;

  @Field(() => SourceKind, { nullable: true, description: "Feed (default) or sitemap." })
  kind?: SourceKind | null;
}

@InputType({ description: "Changes to a source; omitted fields stay." })
export class UpdateSourceInput {
  @Field(() => String, { nullable: true, description: "A new URL (polled afresh, at once)." })
  @MaxLength(2048)
  url?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of the outlet its articles belong to." })
  @MaxLength(200)
  outlet?: string | null;

  @Field(() => String, { nullable: true, description: "Poll interval, e.g. 90s, 10m, 1h." })
  @MaxLength(20)
  every?: string | null;

  @Field(() => SourceKind, { nullable: true, description: "Feed or sitemap." })
  kind?: SourceKind | null;
}
