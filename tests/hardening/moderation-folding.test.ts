// Moderation word lists and link holding resist disguise (issue 17, finding 5): invisible characters,
// look-alike letters from other scripts, full-width forms, odd dots in domains, any top-level domain
// and bare IP addresses.
import { CommentStatus } from "../../entities/comment-status.enum";
import { assessComment, findLink } from "../../src/moderation/comment-rules";

const RULES = { banned: ["scam", "very bad phrase"], suspect: ["fishy"], holdLinks: true };

describe("word lists match folded text", () => {
  it.each([
    ["zero-width space", "what a sc\u200Bam"],
    ["zero-width joiner", "what a sca\u200Dm"],
    ["soft hyphen", "what a sc\u00ADam"],
    ["word joiner", "what a s\u2060cam"],
    ["Cyrillic look-alikes", "what a \u0455\u0441\u0430m"],
    ["Greek look-alike", "what a sc\u03B1m"],
    ["full-width letters", "what a \uFF53\uFF43\uFF41\uFF4D"],
    ["capitals and accents", "what a SCÄM"],
    ["a phrase with disguised words", "this is a v\u0435ry b\u200Bad phrase indeed"],
  ])("rejects a banned word hidden by %s", (_how, body) => {
    expect(assessComment(body, RULES)).toMatchObject({ status: CommentStatus.REJECTED, rule: "BANNED_WORD" });
  });

  it("holds a disguised suspect word", () => {
    expect(assessComment("smells f\u0456shy", RULES)).toMatchObject({ status: CommentStatus.PENDING, rule: "SUSPECT_WORD", word: "fishy" });
  });

  it("leaves ordinary words alone", () => {
    expect(assessComment("The scampi were lovely; nothing fishlike here.", RULES)).toMatchObject({ status: CommentStatus.PUBLISHED });
  });
});

describe("links are found by structure", () => {
  it.each([
    ["an ideographic dot", "visit evil\u3002com today", "evil.com"],
    ["a full-width dot", "visit evil\uFF0Ecom today", "evil.com"],
    ["a TLD outside any fixed list", "see example.museum for more", "example.museum"],
    ["a new gTLD", "go to win-prizes.lol now", "win-prizes.lol"],
    ["a zero-width space inside", "go to evil\u200B.com now", "evil.com"],
    ["a bare IPv4 address", "connect to 203.0.113.7 please", "203.0.113.7"],
    ["a bare IPv4 address with a port and path", "open 203.0.113.7:8080/x", "203.0.113.7:8080/x"],
    ["a bare IPv6 address", "or 2001:db8::1 instead", "2001:db8::1"],
    ["a bracketed IPv6 address", "or [2001:db8::2]:80 instead", "[2001:db8::2]:80"],
    ["a non-Latin domain", "see пример.рф now", "пример.рф"],
    ["a URL with a scheme", "(https://evil.example/path)", "https://evil.example/path"],
  ])("finds a link with %s", (_how, body, link) => {
    expect(findLink(body)).toBe(link);
    expect(assessComment(body, RULES)).toMatchObject({ status: CommentStatus.PENDING, rule: "LINK" });
  });

  it.each(["It costs 3.14 dollars, e.g. today.", "Meet at 12:30:45, i.e. noon-ish.", "The U.S. and the U.K. agreed."])("does not take %j for a link", (body) => {
    expect(findLink(body)).toBeNull();
  });
});
