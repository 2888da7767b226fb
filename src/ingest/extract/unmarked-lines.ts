// Speech written without quotation marks: the answers of a Q&A interview ("Q: …" / "A: …" or "Rooney: …") and
// social posts on handle lines ("@janedoe: Worst update ever."). Each becomes a quote over the line's words.
import { HANDLE_LINE } from "./reaction-detector";
import type { DocumentModel } from "./document-model";
import type { Entity, EntityRegistry } from "./entity-registry";
import type { MentionIndex } from "./speaker-mentions";

export interface UnmarkedQuote {
  start: number;
  end: number;
  speaker: Entity | null;
  /** 'interview' for a Q&A answer, 'handle' for a social post. */
  source: "interview" | "handle";
  /** Where the speaker is named (the label, or the introduction naming the interviewee). */
  mention: { start: number; end: number } | null;
}

const QUESTION = /^(?:Q|Question)\s*[:.]\s+/;
const ANSWER = /^(?:A|Answer)\s*[:.]\s+/;
/** "Rooney: …", "Sally Rooney: …": one to three capitalised words and a colon open a speaker's turn. */
const NAMED_TURN = /^(\p{Lu}[\p{L}’'.-]*(?: \p{Lu}[\p{L}’'.-]*){0,2}):\s+/u;

/** The span of a line's words after its label, without trailing spaces; null when nothing is left. */
function lineAfter(body: string, from: number, end: number): { start: number; end: number } | null {
  let e = end;
  while (e > from && /\s/.test(body[e - 1] as string)) e--;
  return e > from ? { start: from, end: e } : null;
}

function hasMarks(model: DocumentModel, p: number): boolean {
  return model.quotes.some((q) => q.paragraph === p);
}

export function findUnmarkedQuotes(model: DocumentModel, registry: EntityRegistry, index: MentionIndex): UnmarkedQuote[] {
  const { body, paragraphs } = model;
  const out: UnmarkedQuote[] = [];
  const texts = paragraphs.map((p) => body.slice(p.start, p.end));
  const questions = texts.filter((t) => QUESTION.test(t)).length;
  const firstQuestion = texts.findIndex((t) => QUESTION.test(t));
  // The interviewee: the last person named by a full name before the first question ("…, the Sinn Féin leader
  // Mary Lou McDonald spoke about …": the interviewer or outlet comes first, the one interviewed last).
  let interviewee: Entity | null = null;
  let intro: { start: number; end: number } | null = null;
  if (questions >= 2) {
    const limit = paragraphs[firstQuestion]?.start ?? 0;
    for (const m of index.mentions) {
      const first = model.tokens[m.prefixStart];
      if (!first || first.start >= limit) break;
      if (m.kind !== "PERSON" || m.entity < 0) continue;
      const entity = registry.get(m.entity);
      if (interviewee && entity.nameTokens.length < 2) continue;
      interviewee = entity;
      intro = { start: (model.tokens[m.first] as { start: number }).start, end: (model.tokens[m.last] as { end: number }).end };
    }
  }
  paragraphs.forEach((p, i) => {
    const text = texts[i] as string;
    if (hasMarks(model, i)) return;
    const handle = HANDLE_LINE.exec(text);
    if (handle) {
      const span = lineAfter(body, p.start + handle[0].length, p.end);
      if (span) out.push({ ...span, speaker: null, source: "handle", mention: null });
      return;
    }
    if (questions < 2 || i <= firstQuestion) return;
    const answer = ANSWER.exec(text);
    if (answer) {
      const span = lineAfter(body, p.start + answer[0].length, p.end);
      if (span) out.push({ ...span, speaker: interviewee, source: "interview", mention: intro });
      return;
    }
    const turn = NAMED_TURN.exec(text);
    if (!turn || QUESTION.test(text)) return;
    const label = turn[1] as string;
    const person = registry.matchPerson(label.toLowerCase().split(" "), p.start);
    if (!person) return;
    const span = lineAfter(body, p.start + turn[0].length, p.end);
    if (span) out.push({ ...span, speaker: person, source: "interview", mention: { start: p.start, end: p.start + label.length } });
  });
  return out;
}
