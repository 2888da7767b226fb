// Public reactions are reported with a sentiment and platform and never credited to a named speaker; sentiment rules on their own.
import { extractFromBody } from "../../src/ingest/extract";
import { overallSentiment, scoreSentiment } from "../../src/ingest/extract/sentiment";

describe("reaction detection", () => {
  it("reports quotes of users and commenters as reactions with the platform named nearby", () => {
    const { reactions, quotes } = extractFromBody("The post went viral on Reddit. “Best news all week,” wrote one user. Another commenter added: “This is a disaster.”");
    expect(reactions).toEqual([
      { text: "Best news all week", sentiment: "POSITIVE", platform: "Reddit" },
      { text: "This is a disaster.", sentiment: "NEGATIVE", platform: "Reddit" },
    ]);
    expect(quotes.every((q) => q.speaker === null)).toBe(true);
  });

  it('reads "comments like" as introducing reactions', () => {
    const { reactions } = extractFromBody("Reactions on social media were warm, with comments like “So proud of this town!”");
    expect(reactions).toEqual([{ text: "So proud of this town!", sentiment: "POSITIVE", platform: "social media" }]);
  });

  it("keeps a named person’s post as their quote, not a reaction", () => {
    const { reactions, quotes } = extractFromBody("Elon Musk responded on X. “This is absurd,” he wrote.");
    expect(reactions).toEqual([]);
    expect(quotes[0]?.speaker).toBe("Elon Musk");
  });

  it("does not treat anonymous sources as the public", () => {
    const { reactions } = extractFromBody("The deal is worth “well over $2 billion,” according to a person briefed on the matter. Neither company would comment.");
    expect(reactions).toEqual([]);
  });

  it("falls back on the words introducing a neutral quote for its sentiment", () => {
    const { reactions } = extractFromBody("Some residents welcomed the bypass, with one saying it would “take the lorries off our high street”.");
    expect(reactions[0]?.sentiment).toBe("POSITIVE");
  });
});

describe("sentiment", () => {
  it("scores clear cases", () => {
    expect(scoreSentiment("Wonderful news! How could anyone be unhappy with the prospect of peace?").sentiment).toBe("POSITIVE");
    expect(scoreSentiment("a cruel joke").sentiment).toBe("NEGATIVE");
    expect(scoreSentiment("The weather was cloudy on Tuesday").sentiment).toBe("NEUTRAL");
  });

  it('handles negation, "end the war" and idioms', () => {
    expect(scoreSentiment("I do not trust them").sentiment).toBe("NEGATIVE");
    expect(scoreSentiment("the war needs to end").sentiment).toBe("POSITIVE");
    expect(scoreSentiment("the service has never been better").sentiment).toBe("POSITIVE");
  });

  it("calls opposite clauses MIXED", () => {
    expect(scoreSentiment("I do not trust Putin or Zelenskyy, but the war needs to end").sentiment).toBe("MIXED");
    expect(scoreSentiment("Love the colour, hate the fit.").sentiment).toBe("MIXED");
  });

  it("sums reactions up as MIXED once both sides are heard", () => {
    expect(overallSentiment([{ sentiment: "POSITIVE" }, { sentiment: "POSITIVE" }])).toBe("POSITIVE");
    expect(overallSentiment([{ sentiment: "POSITIVE" }, { sentiment: "NEGATIVE" }])).toBe("MIXED");
    expect(overallSentiment([{ sentiment: "POSITIVE" }, { sentiment: "MIXED" }])).toBe("MIXED");
    expect(overallSentiment([])).toBe("NEUTRAL");
  });
});
