// What quote statistics can be grouped by, and the periods a count over time is cut into.
import { registerEnumType } from "type-graphql";

export enum QuoteDimension {
  SPEAKER = "SPEAKER",
  OUTLET = "OUTLET",
  KIND = "KIND",
  LANGUAGE = "LANGUAGE",
  TOPIC = "TOPIC",
  SPEAKER_KIND = "SPEAKER_KIND",
  GENDER = "GENDER",
  PARTY = "PARTY",
  COUNTRY = "COUNTRY",
}

registerEnumType(QuoteDimension, {
  name: "QuoteDimension",
  description: "A property of quotes that quoteStats can group by.",
  valuesConfig: {
    SPEAKER: { description: "The quoted speaker (null: quotes without a speaker)." },
    OUTLET: { description: "The outlet of the quote's article." },
    KIND: { description: "Direct, partial or indirect quote." },
    LANGUAGE: { description: "The language of the quote's article." },
    TOPIC: { description: "A topic tag of the quote's article; an article with several topics counts under each." },
    SPEAKER_KIND: { description: "Person, organisation or group." },
    GENDER: { description: "The speaker's gender (null: unknown, or no speaker)." },
    PARTY: { description: "The speaker's political party (null: unknown, none, or no speaker)." },
    COUNTRY: { description: "The speaker's country of citizenship (null: unknown, or no speaker)." },
  },
});

export enum StatsInterval {
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
  YEAR = "YEAR",
}

registerEnumType(StatsInterval, {
  name: "StatsInterval",
  description: "The periods a count over time is cut into, in UTC (weeks start on Monday).",
  valuesConfig: {
    DAY: { description: "Calendar days." },
    WEEK: { description: "ISO weeks, Monday to Sunday." },
    MONTH: { description: "Calendar months." },
    YEAR: { description: "Calendar years." },
  },
});
