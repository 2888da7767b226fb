// The buckets quoteStats answers with: the dimension values and period, and the counts.
import { Field, Int, ObjectType } from "type-graphql";
import { QuoteKind } from "../../entities/quote-kind.enum";
import { SpeakerKind } from "../../entities/speaker-kind.enum";
import type { QuoteBucketValue } from "../../src/analytics/quote-stats.service";
import { ConnectionType, EdgeType } from "../../src/pagination/connection.types";

@ObjectType({ description: "Quotes that share the grouped-by values (and period): how many, in how many articles, and when." })
export class QuoteBucket {
  /** The service's bucket; the dimension fields below read its values. */
  value: QuoteBucketValue;

  @Field(() => Date, { nullable: true, description: "Start of the period (UTC) when an interval was asked for; null otherwise." })
  period: Date | null;

  @Field(() => String, { nullable: true, description: "Language of the articles (grouped by LANGUAGE)." })
  language: string | null;

  @Field(() => String, { nullable: true, description: "Topic tag (grouped by TOPIC; null for articles without topics)." })
  topic: string | null;

  @Field(() => QuoteKind, { nullable: true, description: "Kind of the quotes (grouped by KIND)." })
  kind: QuoteKind | null;

  @Field(() => SpeakerKind, { nullable: true, description: "Kind of the speaker (grouped by SPEAKER_KIND; null for quotes without a speaker)." })
  speakerKind: SpeakerKind | null;

  @Field(() => String, { nullable: true, description: "Speaker's gender (grouped by GENDER; null: unknown or no speaker)." })
  gender: string | null;

  @Field(() => String, { nullable: true, description: "Speaker's party (grouped by PARTY; null: unknown, none or no speaker)." })
  party: string | null;

  @Field(() => String, { nullable: true, description: "Speaker's country (grouped by COUNTRY; null: unknown or no speaker)." })
  country: string | null;

  @Field(() => Int, { description: "Quotes in the bucket." })
  count: number;

  @Field(() => Int, { description: "Distinct articles those quotes come from." })
  articles: number;

  @Field(() => Date, { nullable: true, description: "Publication time of the earliest of those articles." })
  firstAt: Date | null;

  @Field(() => Date, { nullable: true, description: "Publication time of the latest of those articles." })
  lastAt: Date | null;

  static of(v: QuoteBucketValue): QuoteBucket {
    const b = new QuoteBucket();
    b.value = v;
    b.period = v.period;
    b.language = v.values.LANGUAGE ?? null;
    b.topic = v.values.TOPIC ?? null;
    b.kind = (v.values.KIND as QuoteKind | undefined) ?? null;
    b.speakerKind = (v.values.SPEAKER_KIND as SpeakerKind | undefined) ?? null;
    b.gender = v.values.GENDER ?? null;
    b.party = v.values.PARTY ?? null;
    b.country = v.values.COUNTRY ?? null;
    b.count = v.count;
    b.articles = v.articles;
    b.firstAt = v.firstAt;
    b.lastAt = v.lastAt;
    return b;
  }
}

@ObjectType({ description: "A bucket in a page of quote statistics, with its cursor." })
export class QuoteBucketEdge extends EdgeType(QuoteBucket) {}

@ObjectType({ description: "A page of quote statistics: buckets ordered by period, then count (largest first)." })
export class QuoteStatsConnection extends ConnectionType(QuoteBucketEdge) {}
