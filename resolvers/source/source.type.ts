// A live source as editors see it: what is polled, how often, and how the last polls went.
import { Field, ID, Int, ObjectType } from "type-graphql";
import { SourceKind } from "./source-kind.enum";

@ObjectType({ description: "A feed or sitemap newsgraph polls by itself, with the state of its polling." })
export class Source {
  @Field(() => ID, { description: "Stable identifier (UUID)." })
  id: string;

  @Field({ description: "The feed or sitemap URL." })
  url: string;

  @Field(() => SourceKind, { description: "Feed or sitemap." })
  kind: SourceKind;

  @Field(() => ID, { nullable: true, description: "The outlet its articles are stored under; null: the outlet the feed names." })
  outletId: string | null;

  @Field(() => Int, { description: "Seconds between polls." })
  intervalSeconds: number;

  @Field({ description: "False while paused." })
  enabled: boolean;

  @Field(() => String, { nullable: true, description: "Who added it (the token's subject)." })
  createdBy: string | null;

  @Field({ description: "When it was added." })
  createdAt: Date;

  @Field({ description: "When it is polled next (later after failures: exponential backoff, or the server's Retry-After)." })
  nextDueAt: Date;

  @Field(() => Date, { nullable: true, description: "When it was last fetched, successfully or not." })
  lastFetchedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When it last answered with a feed (200) or 'not modified' (304)." })
  lastSuccessAt: Date | null;

  @Field(() => Int, { nullable: true, description: "The HTTP status of the last poll, when the server answered." })
  lastStatus: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The last poll's error code, null after a success: BAD_URL, UNSUPPORTED_SCHEME, PRIVATE_ADDRESS, DNS_FAILED, CONNECT_TIMEOUT, TIMEOUT, CONNECTION_FAILED, TOO_LARGE, TOO_MANY_REDIRECTS, BAD_ENCODING, HTTP_ERROR, RATE_LIMITED, ROBOTS_DISALLOWED, NOT_A_FEED, HOSTILE_FEED, STORE_FAILED.",
  })
  lastErrorCode: string | null;

  @Field(() => String, { nullable: true, description: "What went wrong, in words." })
  lastErrorMessage: string | null;

  @Field(() => Int, { description: "Failed polls in a row (0 after a success)." })
  consecutiveFailures: number;

  @Field(() => String, { nullable: true, description: "The ETag sent back as If-None-Match." })
  etag: string | null;

  @Field(() => String, { nullable: true, description: "The Last-Modified sent back as If-Modified-Since." })
  lastModified: string | null;

  @Field(() => Int, { description: "Items stored (new or changed) since it was added." })
  itemsStored: number;

  @Field(() => Date, { nullable: true, description: "The date of the newest item seen; now minus this is the source's lag." })
  newestItemAt: Date | null;
}
