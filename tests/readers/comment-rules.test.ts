// Unit tests of the domain rules behind comments: body cleaning and the automatic moderation verdict.
import { CommentStatus } from "../../entities/comment-status.enum";
import { cleanCommentBody } from "../../src/comments/comment-body";
import { assessComment, findLink, parseWordList } from "../../src/moderation/comment-rules";
import { BadUserInputError } from "../../src/errors";

const RULES = { banned: parseWordList("slur, hate speech"), suspect: parseWordList("scam, crypto"), holdLinks: true };

describe("cleanCommentBody", () => {
  it("trims, normalises to NFC and keeps line breaks and markup as text", () => {
    expect(cleanCommentBody("\n  e\u0301te\u0301\r\nline two <script>x</script>  ")).toBe("été\nline two <script>x</script>");
  });

  it("refuses empty, over-long and control-character bodies, naming the field", () => {
    for (const body of ["", " \n\t ", "a".repeat(5001), "nul\u0000", "esc\u001b[31m", "c1\u0085", "bidi\u2067"]) {
      let err: unknown;
      try {
        cleanCommentBody(body, "input.body");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(BadUserInputError);
      expect((err as BadUserInputError).extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.body" });
    }
    // 5,000 characters counts characters, not UTF-16 units.
    expect(cleanCommentBody("😀".repeat(5000))).toHaveLength(10000);
  });
});

describe("assessComment", () => {
  it("rejects banned words and phrases, whatever the case, accents or spacing", () => {
    expect(assessComment("That is SLUR!", RULES)).toEqual({ status: CommentStatus.REJECTED, rule: "BANNED_WORD", word: "slur" });
    expect(assessComment("pure   Hate\nspeech", RULES)).toEqual({ status: CommentStatus.REJECTED, rule: "BANNED_WORD", word: "hate speech" });
    expect(assessComment("scäm", RULES)).toMatchObject({ rule: "SUSPECT_WORD", word: "scam" });
  });

  it("holds suspect words and links; banned beats suspect beats link", () => {
    expect(assessComment("crypto slur www.x.com", RULES).rule).toBe("BANNED_WORD");
    expect(assessComment("crypto www.x.com", RULES)).toEqual({ status: CommentStatus.PENDING, rule: "SUSPECT_WORD", word: "crypto" });
    expect(assessComment("go to www.x.com/a?b=1 now", RULES)).toEqual({ status: CommentStatus.PENDING, rule: "LINK", word: "www.x.com/a?b=1" });
    expect(assessComment("go to www.x.com", { ...RULES, holdLinks: false }).status).toBe(CommentStatus.PUBLISHED);
  });

  it("matches whole words only", () => {
    expect(assessComment("Scampi and cryptography, e.g. a 3.5 rating", RULES)).toEqual({ status: CommentStatus.PUBLISHED, rule: null, word: null });
  });

  it("finds links with and without a scheme", () => {
    expect(findLink("see http://a.b/c")).toBe("http://a.b/c");
    expect(findLink("mail bit.ly/xyz")).toBe("bit.ly/xyz");
    expect(findLink("no link here, Mr. Smith.")).toBeNull();
  });
});

describe("example operations of readers and moderators", () => {
  it("are valid against the schema", async () => {
    const { parse, validate } = await import("graphql");
    const { buildNewsSchema } = await import("../../src/graphql/schema");
    const { operation } = await import("../support/operations");
    const schema = await buildNewsSchema();
    for (const name of ["add-comment", "comment-added", "moderation-queue"]) {
      expect({ name, errors: validate(schema, parse(operation(name))).map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});
