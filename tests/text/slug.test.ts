// Slugs and normalised hashes.
import { normalizedHash, slugify, uniqueSlug } from "../../src/text/slug";

describe("slugify", () => {
  it("makes URL-safe slugs from titles with typographic punctuation", () => {
    expect(slugify("Putin Backs Trump’s Ceasefire Proposal for Ukraine, Signals Openness to Talks")).toBe("putin-backs-trumps-ceasefire-proposal-for-ukraine-signals-openness-to-talks");
    expect(slugify("Zelenskyy: « Paix » à Kyiv")).toBe("zelenskyy-paix-a-kyiv");
    expect(slugify("!!!")).toBe("item");
  });
  it("makes distinct unique slugs for distinct seeds", () => expect(uniqueSlug("A", "1")).not.toBe(uniqueSlug("A", "2")));
});

describe("normalizedHash", () => {
  it("ignores case, spacing and quote styles", () => {
    expect(normalizedHash("We  all want “peace”")).toBe(normalizedHash('we all want "peace"'));
    expect(normalizedHash("a")).not.toBe(normalizedHash("b"));
  });
});
