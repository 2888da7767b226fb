// Decides who said each quote: a cue after it ("…,” Putin said), a cue before it in the sentence (he stressed that “…”), a closing attribution, a colon, or the previous quote.
import type { Coreference } from "./coreference";
import { cueAt, type Cue } from "./cue-finder";
import type { DocumentModel } from "./document-model";
import { nearestCueBefore } from "./cue-search";
import type { Entity } from "./entity-registry";
import { AUXILIARIES } from "./lexicon/cue-verbs";
import { isClauseBoundary, RELATIVE_PRONOUNS } from "./lexicon/common-words";
import { isOrgDescriptionHead } from "./lexicon/organisations";
import { appositiveRole } from "./role-phrase";
import type { Sentence } from "./sentence-splitter";
import type { Subject, SubjectReader } from "./subject-phrase";
import type { Token } from "./text-tokens";

export type AttributionVia = "after" | "before" | "coordinated" | "final" | "colon" | "continued" | "signoff" | "none";

export interface Attribution {
  subject: Subject | null;
  cue: Cue | null;
  via: AttributionVia;
}

/** A weak cue ("described", "called") only governs a quote this close after it (in tokens outside quotes). */
const WEAK_CUE_REACH = 8;
/** The longest appositive read between a name and its cue ("Jane Doe, the union’s deputy chair, said"). */
const APPOSITIVE_MAX = 14;

const NONE: Attribution = { subject: null, cue: null, via: "none" };

/** A US party-and-state tag after a lawmaker's name: "(R-Ohio)", "(D-N.Y.)", "(I-Vt.)". */
const PARTY_TAG = /^\((?:R|D|I|Ind)-[A-Z][A-Za-z. ]{0,14}\)$/;
/** Dashes that introduce a sign-off after a quote ("“…” — Name, 34, of Phoenix"). */
const SIGNOFF_DASHES = new Set(["—", "―", "–"]);

/** Nouns in "Those were the words of X". */
const WORDS_OF = new Set(["words", "message", "verdict", "view", "assessment", "reaction", "response", "warning", "plea", "promise", "vow", "answer", "reply", "conclusion"]);

/** Words that may follow an attribution without starting a new statement ("said on Monday", "said afterwards"). */
const ATTRIBUTION_TAIL = new Set([
  "in",
  "on",
  "at",
  "during",
  "after",
  "before",
  "from",
  "with",
  "to",
  "afterwards",
  "afterward",
  "later",
  "yesterday",
  "today",
  "tonight",
  "earlier",
  "recently",
  "then",
  "again",
  "also",
  "simply",
  "quietly",
  "firmly",
  "flatly",
  "bluntly",
]);

function isAdverb(t: Token): boolean {
  return AUXILIARIES.has(t.lower) || (t.lower.endsWith("ly") && t.lower.length > 4 && !t.cap);
}

export class Attributor {
  private readonly subjectMemo = new Map<number, Subject>();
  private readonly results: Attribution[] = [];

  constructor(
    private readonly model: DocumentModel,
    private readonly reader: SubjectReader,
    private readonly coref: Coreference,
    /** Quotes that are names or titles, not speech; they neither receive nor pass on attribution. */
    private readonly skip: ReadonlySet<number>,
    /** Quotes that stand as sentences of their own (DIRECT); only these may continue an earlier speaker. */
    private readonly standalone: readonly boolean[],
  ) {}

  private tok(k: number): Token | undefined {
    return this.model.tokens[k];
  }

  /** The index after a party tag that starts at k ("(R-Ohio)"), or k itself when none does. */
  private skipPartyTag(k: number): number {
    if (this.tok(k)?.text !== "(") return k;
    for (let j = k + 1; j < k + 8 && this.tok(j); j++) {
      if (this.tok(j)?.text !== ")") continue;
      const text = this.model.body.slice((this.tok(k) as Token).start, (this.tok(j) as Token).end);
      return PARTY_TAG.test(text) ? j + 1 : k;
    }
    return k;
  }

  /** The index of the "(" opening a party tag that ends just before `end`, or -1. */
  private partyTagBefore(end: number): number {
    if (this.tok(end - 1)?.text !== ")") return -1;
    for (let j = end - 2; j >= 0 && j > end - 9; j--) {
      if (this.tok(j)?.text === "(") return this.skipPartyTag(j) === end ? j : -1;
    }
    return -1;
  }

  private sentenceOf(k: number): Sentence {
    return this.model.sentences[this.model.tokenSentence[k] as number] as Sentence;
  }

  /** Attributes quote q; quotes must be attributed in text order (later ones lean on earlier ones). */
  attribute(q: number): Attribution {
    const result = this.skip.has(q) ? NONE : this.find(q);
    this.results[q] = result;
    return result;
  }

  speakerOf(a: Attribution): Entity | null {
    return a.subject?.entity ?? null;
  }

  private find(q: number): Attribution {
    const after = this.after(q);
    // “…,” according to two people in the room: the sources report the words; a speaker named before still said them.
    if (after?.cue?.base === "according to" && !after.subject?.entity) {
      const before = this.before(q);
      if (before?.subject?.entity) return before;
    }
    const signoff = after ? null : this.signoff(q);
    // A sign-off that credits no person ("— the editors") still says the quote is someone else's.
    if (signoff === "other") return NONE;
    const found = after ?? signoff ?? this.coordinated(q) ?? this.colon(q);
    if (found) return found;
    // A cue whose subject cannot be read still names the cue; later rules may find the speaker.
    const before = this.before(q);
    if (before && before.subject && before.subject.kind !== "none") return before;
    return this.finalClause(q) ?? this.continued(q) ?? before ?? NONE;
  }

  // ---- “…,” Putin said / “…,” said Putin ----

  private after(q: number): Attribution | null {
    const close = this.model.quoteCloseToken[q] as number;
    if (close < 0) return null;
    const paragraph = this.model.tokenParagraph[close];
    let j = close + 1;
    if (this.tok(j)?.text === ",") j++;
    if (!this.tok(j) || this.model.tokenParagraph[j] !== paragraph || this.model.tokenQuote[j] !== -1) return null;
    const found = this.attributionClauseAt(j);
    if (!found || !found.cue) return null;
    // After a quote closed with a full stop, a new sentence only attributes it when the sentence is just the
    // attribution (“… .” Smith said.), not when it goes on (“… .” Nobody answered the phone.).
    const quote = this.model.quotes[q];
    const endsWithStop = quote !== undefined && /\.$/.test(this.model.body.slice(quote.start, quote.end));
    if (endsWithStop && !this.attributionEndsClause(found)) return null;
    // A quote closing a sentence that began before it ("… said the risk “remains low.”") is already that
    // sentence's; the next sentence starts a new statement.
    const open = this.model.quoteOpenToken[q] as number;
    if (endsWithStop && this.sentenceOf(open).tokenStart !== open && this.tok(open - 1)?.text !== ":") return null;
    return { ...found, via: "after" };
  }

  /** “…” — Laura Chen, 29, of Cambridge: a person's name after a dash that follows the quote in its paragraph. */
  private signoff(q: number): Attribution | "other" | null {
    const close = this.model.quoteCloseToken[q] as number;
    const dash = this.tok(close + 1);
    if (close < 0 || !dash || !SIGNOFF_DASHES.has(dash.text) || this.model.tokenParagraph[close + 1] !== this.model.tokenParagraph[close]) return null;
    const paragraph = this.model.paragraphs[this.model.tokenParagraph[close] as number];
    let limit = close + 2;
    while (this.tok(limit) && this.model.tokenParagraph[limit] === this.model.tokenParagraph[close] && (this.tok(limit) as Token).text !== ",") limit++;
    if (!paragraph) return null;
    const subject = this.reader.readAt(close + 2, limit);
    if (subject.kind !== "named" || !subject.entity || subject.entity.kind === "ORGANIZATION" || subject.entity.kind === "GROUP" || subject.to !== limit) return "other";
    return { subject, cue: null, via: "signoff" };
  }

  /** Whether nothing but adverbials follows the attribution clause ("said.", "said on Monday.", "told reporters."). */
  private attributionEndsClause(found: Omit<Attribution, "via">): boolean {
    const cue = found.cue as Cue;
    const subject = found.subject;
    let k = Math.max(cue.at + cue.length, subject && subject.from > cue.at ? subject.to : 0);
    const next = this.tok(k);
    if (!next || next.kind === "punct") return true;
    if (ATTRIBUTION_TAIL.has(next.lower)) return true;
    // "told reporters", "told the BBC"
    if (cue.base === "tell") {
      while (this.tok(k) && this.tok(k)?.kind === "word" && k - cue.at < 5) k++;
      const end = this.tok(k);
      return !end || end.kind === "punct";
    }
    return false;
  }

  /** Reads "said Putin" or "Putin (also) said" starting exactly at j. */
  private attributionClauseAt(j: number): Omit<Attribution, "via"> | null {
    if (!this.tok(j)) return null;
    const sentenceEnd = this.sentenceOf(j).tokenEnd;
    const limit = Math.max(sentenceEnd, j + 12);
    const cue = cueAt(this.model, j);
    if (cue && !cue.weak) {
      const subject = this.readAfterCue(cue.at + cue.length, limit);
      return subject.kind === "none" ? null : { subject, cue };
    }
    let subject = this.reader.readAt(j, limit);
    if (subject.kind === "none") return null;
    let k = this.skipPartyTag(subject.to);
    if (this.tok(k)?.text === ",") {
      const end = this.appositiveEnd(k + 1);
      if (end < 0) return null;
      subject = this.namedAppositive(subject, k + 1, end) ?? subject;
      // "the statement, issued by China’s Foreign Ministry, said": the issuer speaks.
      if (subject.kind === "document" && !subject.entity) {
        const issuer = this.reader.issuerIn(k + 1, end);
        if (issuer) subject = { ...subject, entity: issuer };
      }
      this.applyAppositive(subject, k + 1, end);
      k = end + 1;
    }
    while (this.tok(k) && isAdverb(this.tok(k) as Token) && this.model.tokenQuote[k] === -1) k++;
    const verb = cueAt(this.model, k);
    if (!verb || (verb.weak && verb.base !== "read")) return null;
    return { subject, cue: verb };
  }

  /** "said Priya Raman, an economist at …": the speaker after an inverted cue, with any appositive as role. */
  private readAfterCue(k: number, limit: number): Subject {
    while (this.tok(k) && isAdverb(this.tok(k) as Token) && !RELATIVE_PRONOUNS.has((this.tok(k) as Token).lower)) k++;
    const subject = this.reader.readAt(k, limit);
    const after = subject.kind === "none" ? subject.to : this.skipPartyTag(subject.to);
    if (subject.kind !== "none" && this.tok(after)?.text === ",") {
      const end = this.appositiveEnd(after + 1, true);
      if (end > 0) {
        // "said his lawyer, Abbe Lowell": the name in apposition is the speaker.
        const named = this.namedAppositive(subject, after + 1, end);
        if (named) return named;
        this.applyAppositive(subject, after + 1, end);
      }
    }
    return subject;
  }

  /** When an unnamed phrase ("a Boeing spokesman", "his lawyer") is followed by a person's name in apposition, that name. */
  private namedAppositive(subject: Subject, from: number, to: number): Subject | null {
    if (subject.kind === "named" || subject.kind === "pronoun" || to <= from) return null;
    const inner = this.reader.readAt(from, to);
    if (inner.kind !== "named" || !inner.entity || inner.to !== to) return null;
    if (inner.entity.kind !== "PERSON" && inner.entity.kind !== "UNKNOWN") return null;
    const first = this.tok(subject.from);
    const last = this.tok(subject.to - 1);
    if (first && last && !inner.entity.role) {
      const role = appositiveRole(this.model.body.slice(first.start, last.end));
      if (role) inner.entity.role = role;
    }
    return { ...inner, from: subject.from };
  }

  /** Index of the comma (or sentence end when allowed) closing an appositive that starts at k, or -1. */
  private appositiveEnd(k: number, toSentenceEnd = false): number {
    const sentence = this.sentenceOf(k - 1);
    for (let j = k; j < sentence.tokenEnd && j - k <= APPOSITIVE_MAX; j++) {
      const t = this.tok(j) as Token;
      if (this.model.tokenQuote[j] !== -1) return -1;
      if (t.text === ",") return j;
      if (toSentenceEnd && (t.text === "." || t.text === ";")) return j;
    }
    return toSentenceEnd ? sentence.tokenEnd : -1;
  }

  private applyAppositive(subject: Subject, from: number, to: number): void {
    const entity = subject.entity;
    if (!entity || entity.role || entity.kind !== "PERSON" || to <= from) return;
    const first = this.tok(from);
    const last = this.tok(to - 1);
    if (!first || !last) return;
    const role = appositiveRole(this.model.body.slice(first.start, last.end));
    if (role) entity.role = role;
  }

  // ---- “A” and “B”: the second quote shares the first one's speaker ----

  private coordinated(q: number): Attribution | null {
    if (q === 0) return null;
    const prev = this.results[q - 1];
    const prevClose = this.model.quoteCloseToken[q - 1] as number;
    const open = this.model.quoteOpenToken[q] as number;
    if (!prev || prev.via === "none" || prevClose < 0 || this.model.tokenSentence[prevClose] !== this.model.tokenSentence[open]) return null;
    for (let k = prevClose + 1; k < open; k++) {
      const lower = (this.tok(k) as Token).lower;
      if (lower !== "," && lower !== "and" && lower !== "or" && lower !== "then") return null;
    }
    return open - prevClose > 1 ? { ...prev, via: "coordinated" } : null;
  }

  // ---- he stressed that “…” / described the idea as “…” ----

  private before(q: number): Attribution | null {
    const open = this.model.quoteOpenToken[q] as number;
    const sentence = this.sentenceOf(open);
    const cue = this.cueBefore(open, sentence.tokenStart);
    if (!cue) return null;
    return { subject: this.subjectOfCue(cue), cue, via: "before" };
  }

  private cueBefore(open: number, floor: number): Cue | null {
    // Any cue among the nearest WEAK_CUE_REACH + 1 words outside quotes, else the nearest strong one.
    return nearestCueBefore(this.model, open, floor, WEAK_CUE_REACH);
  }

  /** Who performs the cue: the phrase after an inverted cue, the phrase before it, or the clause's subject. */
  subjectOfCue(cue: Cue): Subject {
    const memo = this.subjectMemo.get(cue.at);
    if (memo) return memo;
    const subject = this.computeSubjectOfCue(cue);
    this.subjectMemo.set(cue.at, subject);
    return subject;
  }

  private computeSubjectOfCue(cue: Cue): Subject {
    const k = cue.at;
    const sentence = this.sentenceOf(k);
    const limit = sentence.tokenEnd;
    if (cue.base === "according to") return this.readAfterCue(k + cue.length, limit);

    // Inverted: “…,” said Putin / “…,” warned scientist X, “…”
    let j = k - 1;
    while (j >= sentence.tokenStart && isAdverb(this.tok(j) as Token) && this.model.tokenQuote[j] === -1) j--;
    const left = this.tok(j);
    const afterQuote = (i: number): boolean => i >= 0 && this.model.tokenQuote[i] !== -1;
    if (left && (afterQuote(j) || (left.text === "," && afterQuote(j - 1)))) {
      const subject = this.readAfterCue(k + cue.length, limit);
      if (subject.kind !== "none") return subject;
    }

    if (cue.participle && left?.text === ",") return this.mainSubject(sentence, k);
    // "The Journal quoted Elon Musk as saying …": the person quoted speaks, not the paper.
    const before = this.tok(k - 1);
    if (cue.participle && before?.lower === "as") {
      for (let q = k - 2; q >= sentence.tokenStart && k - q < 14; q--) {
        const lower = (this.tok(q) as Token).lower;
        if (lower === "quoted" || lower === "quotes" || lower === "quoting" || lower === "cited" || lower === "cites") {
          const quoted = this.reader.readAt(q + 1, k - 1);
          if (quoted.kind !== "none") return quoted;
          break;
        }
      }
    }
    // "… used the speech to promise …": an infinitive takes the subject of its clause.
    if (before?.lower === "to" && !cue.participle) return this.inherited(cue, sentence, null);

    // Walk left to the start of the cue's clause.
    let start = k;
    while (start - 1 >= sentence.tokenStart) {
      const t = this.tok(start - 1) as Token;
      // "Rep. Chip Roy (R-Texas) said": the party tag belongs to the name before it.
      const tag = this.partyTagBefore(start);
      if (tag > sentence.tokenStart) {
        start = tag;
        continue;
      }
      if (this.model.tokenQuote[start - 1] !== -1 || t.kind === "punct") break;
      if (RELATIVE_PRONOUNS.has(t.lower)) {
        start--;
        break;
      }
      if (isClauseBoundary(t.lower)) break;
      start--;
    }
    const window = this.wordsIn(start, k);
    if (window > 0) {
      const subject = this.reader.readWindow(start, k);
      if (this.reader.joinsAnotherPerson(start, subject)) return { kind: "anonymous", entity: null, from: start, to: k, publicVoice: false, online: false };
      return subject.kind === "none" ? this.inherited(cue, sentence, subject) : subject;
    }
    const boundary = this.tok(start - 1);
    if (boundary?.text === "," && !cue.participle) return this.parenthetical(start - 1, sentence, cue);
    return this.inherited(cue, sentence, null);
  }

  private wordsIn(from: number, to: number): number {
    let n = 0;
    for (let k = from; k < to; k++) {
      const t = this.tok(k) as Token;
      if (t.kind === "word" && !isAdverb(t)) n++;
    }
    return n;
  }

  /** Start of the comma-delimited segment that ends just before `end`. */
  private segmentStart(end: number, floor: number): number {
    let s = end;
    while (s - 1 >= floor) {
      const t = this.tok(s - 1) as Token;
      if (t.text === "," || t.text === ";" || t.text === ":" || this.model.tokenQuote[s - 1] !== -1) break;
      s--;
    }
    return s;
  }

  /** "X, <appositive>, said": prefers a named phrase on either side of the parenthesis. */
  private parenthetical(comma: number, sentence: Sentence, cue: Cue): Subject {
    const pStart = this.segmentStart(comma, sentence.tokenStart);
    const p = this.reader.readWindow(pStart, comma);
    let s: Subject | null = null;
    if (this.tok(pStart - 1)?.text === ",") {
      const sStart = this.segmentStart(pStart - 1, sentence.tokenStart);
      if (sStart < pStart - 1) s = this.reader.readWindow(sStart, pStart - 1);
    }
    // "The report, published by the IPCC, warned": a document speaks for whoever issued it.
    if (s && s.kind === "document" && !s.entity) {
      const issuer = this.reader.issuerIn(pStart, comma);
      if (issuer) return { ...s, entity: issuer };
    }
    // "The Tánaiste, Simon Harris, said", "The Ombudsman, Peter Tyndall, said": one capitalised word after "the" is
    // an office (a person's name takes no article), and the full name in apposition says who holds it.
    if (s && s.kind === "named" && s.entity && p.kind === "named" && p.entity?.kind === "PERSON" && p.entity.nameTokens.length > 1 && this.namesAnOffice(s)) {
      return p;
    }
    if (s && s.entity && (s.kind === "named" || s.kind === "pronoun")) {
      this.applyAppositive(s, pStart, comma);
      return s;
    }
    if (p.kind === "named" && p.entity) {
      if (s && s.kind !== "none") this.applyAppositive(p, s.from, s.to);
      // "The port’s operator, DP World, said": a name described as a company is an organisation.
      if (s && this.describesOrganisation(s)) this.reader.markOrganisation(p.entity);
      return p;
    }
    if (s && s.kind !== "none") return s;
    if (p.kind !== "none") return p;
    return this.inherited(cue, sentence, null);
  }

  /** "The Tánaiste": "the" and one capitalised word that is not an organisation's name. */
  private namesAnOffice(s: Subject): boolean {
    const e = s.entity;
    if (!e || e.kind === "ORGANIZATION" || e.kind === "GROUP" || e.nameTokens.length !== 1) return false;
    return s.to - s.from === 2 && this.tok(s.from)?.lower === "the";
  }

  /** Whether a phrase is a common noun phrase headed by an organisation noun ("the port’s operator", "the company"). */
  private describesOrganisation(s: Subject): boolean {
    if (s.kind !== "description" && s.kind !== "none" && s.kind !== "anonymous") return false;
    for (let k = s.to - 1; k >= s.from; k--) {
      const t = this.tok(k) as Token;
      if (t.kind === "word" && !t.possessive) return isOrgDescriptionHead(t.lower);
    }
    return false;
  }

  /** A cue with no subject of its own ("… and said", "but acknowledged") takes the previous cue's, or the sentence's. */
  private inherited(cue: Cue, sentence: Sentence, fallback: Subject | null): Subject {
    for (let k = cue.at - 1; k >= sentence.tokenStart; k--) {
      if (this.model.tokenQuote[k] !== -1) continue;
      const prev = cueAt(this.model, k);
      if (prev) return this.subjectOfCue(prev);
    }
    const main = this.mainSubject(sentence, cue.at);
    return main.kind !== "none" ? main : (fallback ?? main);
  }

  /** The subject of the sentence's main clause: the first phrase that can speak, preferring a name in apposition. */
  private mainSubject(sentence: Sentence, before: number): Subject {
    let from = sentence.tokenStart;
    let first: Subject | null = null;
    for (let segments = 0; segments < 3 && from < before; segments++) {
      let to = from;
      while (to < before && (this.tok(to) as Token).text !== "," && this.model.tokenQuote[to] === -1) to++;
      if (to > from) {
        const sub = this.reader.readWindow(from, to);
        if (sub.kind === "named" || (sub.kind === "pronoun" && sub.entity)) return sub;
        if (sub.kind !== "none" && !first) first = sub;
      }
      from = to + 1;
      while (from < before && this.model.tokenQuote[from] !== -1) from++;
    }
    return first ?? { kind: "none", entity: null, from: sentence.tokenStart, to: sentence.tokenStart, publicVoice: false, online: false };
  }

  // ---- “dead on arrival” …, Senate Majority Leader John Thune said on Tuesday. ----

  private finalClause(q: number): Attribution | null {
    const close = Math.max(this.model.quoteCloseToken[q] as number, this.model.quoteOpenToken[q] as number);
    const sentence = this.sentenceOf(this.model.quoteOpenToken[q] as number);
    for (let k = close + 1; k < sentence.tokenEnd; k++) {
      if (this.model.tokenQuote[k] !== -1) return null;
      if ((this.tok(k) as Token).text !== ",") continue;
      const found = this.attributionClauseAt(k + 1);
      if (!found || !found.cue) continue;
      const after = found.cue.at + found.cue.length;
      const next = this.tok(after);
      if (next && this.model.tokenSentence[after] === this.model.tokenSentence[k] && (next.lower === "that" || this.model.tokenQuote[after] !== -1)) continue;
      return { ...found, via: "final" };
    }
    return null;
  }

  // ---- X put it bluntly: “…” ----

  private colon(q: number): Attribution | null {
    const open = this.model.quoteOpenToken[q] as number;
    const prev = this.tok(open - 1);
    const paragraphStart = this.model.paragraphs[this.model.tokenParagraph[open] as number]?.start ?? 0;
    if (prev && prev.text === ":" && this.model.tokenParagraph[open - 1] === this.model.tokenParagraph[open]) {
      const sentence = this.sentenceOf(open - 1);
      // The clause right before the colon names the speaker: through its cue ("…, Ursula von der Leyen, wrote:"),
      // else its own subject ("…, one of them captioned:"), else a cue or the subject earlier in the sentence.
      const clauseStart = this.segmentStart(open - 1, sentence.tokenStart);
      const localCue = this.cueBefore(open - 1, clauseStart);
      if (localCue) {
        const subject = this.subjectOfCue(localCue);
        if (subject.kind !== "none") return { subject, cue: localCue, via: "colon" };
      }
      const local = this.wordsIn(clauseStart, open - 1) > 0 ? this.reader.readWindow(clauseStart, open - 1) : null;
      if (local && local.kind !== "none") return { subject: local, cue: null, via: "colon" };
      const cue = this.cueBefore(open - 1, sentence.tokenStart);
      const subject = cue ? this.subjectOfCue(cue) : this.mainSubject(sentence, open - 1);
      return subject.kind === "none" ? null : { subject, cue, via: "colon" };
    }
    // A paragraph ending "… said:" introduces the quote that opens the next one.
    if (prev && prev.text === ":" && (this.tok(open) as Token).start === paragraphStart) {
      const sentence = this.sentenceOf(open - 1);
      const cue = this.cueBefore(open - 1, sentence.tokenStart);
      const subject = cue ? this.subjectOfCue(cue) : this.mainSubject(sentence, open - 1);
      return subject.kind === "none" ? null : { subject, cue, via: "colon" };
    }
    return null;
  }

  // ---- “…,” she said. “More words.” ----

  private continued(q: number): Attribution | null {
    const open = this.model.quoteOpenToken[q] as number;
    const paragraph = this.model.quotes[q]?.paragraph ?? -1;
    const prevQuote = this.model.quotes[q - 1];
    const prev = this.results[q - 1];
    // Only a quote standing on its own, as a sentence, continues someone; a fragment or a quote built into
    // another sentence ("messages … including “Finally!”") stays unattributed.
    if (!this.standalone[q] || this.sentenceOf(open).tokenStart !== open) return null;
    if (prevQuote && prev && prev.subject && prev.via !== "none" && prevQuote.lastParagraph === paragraph) {
      return { subject: prev.subject, cue: null, via: "continued" };
    }
    // “A.” “B,” he said — the quote directly before an attributed one.
    const nextQuote = this.model.quotes[q + 1];
    const close = this.model.quoteCloseToken[q] as number;
    if (nextQuote && close >= 0 && this.model.quoteOpenToken[q + 1] === close + 1 && nextQuote.paragraph === paragraph) {
      const next = this.after(q + 1);
      if (next) return { ...next, via: "continued" };
    }
    // "Sanders laughed. “If helping people …”": a quote right after a short sentence about what a named person did.
    const sentence = this.model.tokenSentence[open] as number;
    const previous = this.model.sentences[sentence - 1];
    if (previous && this.sentenceOf(open).tokenStart === open && previous.paragraph === this.model.tokenParagraph[open]) {
      let quoted = false;
      for (let k = previous.tokenStart; k < previous.tokenEnd; k++) if (this.model.tokenQuote[k] !== -1) quoted = true;
      if (!quoted && previous.tokenEnd - previous.tokenStart <= 12) {
        const subject = this.reader.readWindow(previous.tokenStart, previous.tokenEnd);
        if ((subject.kind === "named" || subject.kind === "pronoun") && subject.entity && subject.entity.kind !== "ORGANIZATION") {
          return { subject, cue: null, via: "continued" };
        }
      }
    }
    // "“…” Those were the words of Maria Santos, …": the next sentence names the speaker.
    const named = this.wordsOfNext(q);
    if (named) return { subject: named, cue: null, via: "continued" };
    // A paragraph that is only a quote, right after a paragraph whose last quote was attributed.
    const paragraphStart = this.model.paragraphs[paragraph]?.start;
    if (prevQuote && prev && prev.subject?.entity && prev.via !== "none" && (this.tok(open) as Token).start === paragraphStart && prevQuote.lastParagraph === paragraph - 1) {
      return { subject: prev.subject, cue: null, via: "continued" };
    }
    return null;
  }

  /** "Those were the words of X", "That was the message from X" opening the sentence after a quote. */
  private wordsOfNext(q: number): Subject | null {
    const close = this.model.quoteCloseToken[q] as number;
    if (close < 0) return null;
    const next = this.model.sentences[(this.model.tokenSentence[close] as number) + 1];
    if (!next || next.tokenStart !== close + 1) return null;
    const w = (i: number): string => this.tok(next.tokenStart + i)?.lower ?? "";
    if (!["those", "these", "that", "this", "such"].includes(w(0)) || !["were", "was", "are", "is"].includes(w(1))) return null;
    let i = w(2) === "the" ? 3 : 2;
    if (!WORDS_OF.has(w(i))) return null;
    i++;
    if (w(i) !== "of" && w(i) !== "from") return null;
    const subject = this.reader.readAt(next.tokenStart + i + 1, next.tokenEnd);
    return subject.kind === "named" && subject.entity ? subject : null;
  }

  noteSpeaker(q: number, entity: Entity): void {
    const a = this.results[q];
    const at = a?.cue?.at ?? (this.model.quoteOpenToken[q] as number);
    this.coref.noteSpeaker(at, entity);
  }
}
