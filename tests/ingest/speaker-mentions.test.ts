// Named mentions: titles become roles, surnames join full names, organisations and places are told apart.
import { buildDocumentModel } from "../../src/ingest/extract/document-model";
import { EntityRegistry } from "../../src/ingest/extract/entity-registry";
import { findMentions } from "../../src/ingest/extract/speaker-mentions";
import { rolePhrase } from "../../src/ingest/extract/role-phrase";

function mentionsOf(body: string): { registry: EntityRegistry; mentions: { text: string; kind: string; role: string | null }[] } {
  const registry = new EntityRegistry();
  const index = findMentions(buildDocumentModel(body), registry);
  return { registry, mentions: index.mentions.map((m) => ({ text: m.text, kind: m.kind, role: m.role })) };
}

describe("findMentions", () => {
  it("splits titles from names and normalises the role", () => {
    const { mentions } = mentionsOf("Russian President Vladimir Putin met U.S. President Donald Trump and German Foreign Minister Annalena Baerbock.");
    expect(mentions).toEqual(
      expect.arrayContaining([
        { text: "Vladimir Putin", kind: "PERSON", role: "President of Russia" },
        { text: "Donald Trump", kind: "PERSON", role: "President of the United States" },
        { text: "Annalena Baerbock", kind: "PERSON", role: "Foreign Minister of Germany" },
      ]),
    );
  });

  it("reads lower-case titles before a name", () => {
    const { mentions } = mentionsOf("The plan was confirmed by Kremlin spokesman Dmitry Peskov on Monday.");
    expect(mentions.find((m) => m.text === "Dmitry Peskov")?.role).toBe("Kremlin Spokesman");
  });

  it("merges a later surname with the full name; aliases are name forms, not titled mentions", () => {
    const { registry } = mentionsOf("Chinese President Xi Jinping arrived on Monday. Xi spoke for an hour.");
    const xi = registry.all().find((e) => e.name === "Xi Jinping");
    expect(xi?.aliases.has("Xi")).toBe(true);
    expect(xi?.aliases.has("Chinese President Xi Jinping")).toBe(false);
  });

  it("tells organisations and places from people", () => {
    const { mentions } = mentionsOf("Officials at the European Commission and the Institute for Fiscal Studies in Brussels and on Elm Street agreed.");
    expect(mentions).toEqual(
      expect.arrayContaining([
        { text: "European Commission", kind: "ORGANIZATION", role: null },
        { text: "Institute for Fiscal Studies", kind: "ORGANIZATION", role: null },
        { text: "Brussels", kind: "PLACE", role: null },
        { text: "Elm Street", kind: "PLACE", role: null },
      ]),
    );
  });

  it("does not take sentence-opening words for names", () => {
    const { mentions } = mentionsOf("Speaking on Monday, officials said nothing. Analysts agreed. Meanwhile, Ursula von der Leyen spoke.");
    expect(mentions.map((m) => m.text)).toEqual(["Ursula von der Leyen"]);
  });

  it("skips a nickname in quotes inside a name", () => {
    const { mentions } = mentionsOf("Former wrestler Jake “The Snake” Roberts was there.");
    expect(mentions.map((m) => m.text)).toContain("Jake Roberts");
  });

  it("merges an acronym with the organisation it abbreviates", () => {
    const registry = new EntityRegistry();
    const full = registry.organisation("World Health Organization", 0, "World Health Organization");
    expect(registry.organisation("WHO", 50, "WHO")).toBe(full);
  });
});

describe("rolePhrase", () => {
  it('turns a country adjective into "of <country>" and drops honorifics', () => {
    expect(rolePhrase(["U.S.", "President"])).toBe("President of the United States");
    expect(rolePhrase(["former", "British", "Prime", "Minister"])).toBe("Former Prime Minister of the United Kingdom");
    expect(rolePhrase(["Sen."])).toBe("Senator");
    expect(rolePhrase(["Dr"])).toBeNull();
  });
});
