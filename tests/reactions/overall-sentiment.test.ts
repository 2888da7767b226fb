// The overall tone of a set of reactions.
import { Sentiment } from "../../entities/sentiment.enum";
import { overallSentiment } from "../../src/reactions/reaction.service";

const counts = (o: Partial<Record<Sentiment, number>>) => new Map(Object.entries(o) as Array<[Sentiment, number]>);

describe("overallSentiment", () => {
  it("is MIXED for the seed's reactions (2 positive, 1 mixed, 1 negative)", () => {
    expect(overallSentiment(counts({ POSITIVE: 2, MIXED: 1, NEGATIVE: 1 }))).toBe(Sentiment.MIXED);
  });
  it("follows a clear majority", () => {
    expect(overallSentiment(counts({ POSITIVE: 9, NEGATIVE: 1 }))).toBe(Sentiment.POSITIVE);
    expect(overallSentiment(counts({ NEGATIVE: 3 }))).toBe(Sentiment.NEGATIVE);
    expect(overallSentiment(counts({ NEUTRAL: 3 }))).toBe(Sentiment.NEUTRAL);
  });
  it("is null with no reactions", () => expect(overallSentiment(new Map())).toBeNull());
});
