// Tells quotation marks that do not quote anyone — titles of works, nicknames, words used as words, "so-called" — from speech.
import { cueAt } from "./cue-finder";
import type { DocumentModel } from "./document-model";
import type { Token } from "./text-tokens";

/** Words that, right before a quote, say the quoted words are a name or a term rather than speech. */
const NAMING_WORDS = new Set([
  "so-called",
  "dubbed",
  "nicknamed",
  "titled",
  "entitled",
  "named",
  "word",
  "words",
  "term",
  "terms",
  "phrase",
  "phrases",
  "hashtag",
  "slogan",
  "label",
  "acronym",
  "letters",
  "headline",
  "codenamed",
  "code-named",
  "brand",
  "motto",
  "moniker",
]);

/** Small words that stay lower case in a title ("Echoes of Winter"). */
const TITLE_SMALL_WORDS = new Set(["of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "from", "or", "but", "is", "as", "de", "la", "vs"]);

function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  if (/[.!?,;:]$/.test(text)) return false;
  return words.every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && TITLE_SMALL_WORDS.has(w.toLowerCase())));
}

/** Whether quote q names or mentions something rather than reporting what someone said. */
export function isNonSpeechQuote(model: DocumentModel, q: number): boolean {
  const quote = model.quotes[q];
  if (!quote) return false;
  const text = model.body.slice(quote.start, quote.end);
  const open = model.quoteOpenToken[q] as number;
  const before = model.tokens[open - 1] as Token | undefined;
  const sameSentence = before !== undefined && model.tokenSentence[open - 1] === model.tokenSentence[open];
  if (sameSentence && before.kind === "word" && NAMING_WORDS.has(before.lower)) return true;
  if (sameSentence && before.lower === "as" && ["known", "referred"].includes(model.tokens[open - 2]?.lower ?? "")) return true;
  if (sameSentence && before.lower === "called" && !hasSpeakingSubject(model, open - 1)) return true;

  if (!isTitleCase(text)) return false;
  // "CNN’s “State of the Union”", "Orwell’s “Animal Farm”": a capitalised title owned by someone is a name.
  if (sameSentence && before.possessive) return true;
  // A capitalised fragment right after a speech cue is speech ("called it “Unacceptable”"), not a title.
  for (let k = open - 1, seen = 0; k >= 0 && seen < 3 && model.tokenSentence[k] === model.tokenSentence[open]; k--) {
    if (model.tokenQuote[k] !== -1) break;
    if ((model.tokens[k] as Token).text === ":") return false;
    const cue = cueAt(model, k);
    if (cue && cue.base !== "call") return false;
    if (cue && hasSpeakingSubject(model, k)) return false;
    seen++;
  }
  // A capitalised quote that opens its own sentence and ends it is an utterance ("“Never.”"), unless it has no end mark.
  const after = model.tokens[(model.quoteCloseToken[q] as number) + 1];
  const closesWithCue = after !== undefined && cueAt(model, (model.quoteCloseToken[q] as number) + 1) !== null;
  return !closesWithCue;
}

/** "a plan called “X”" names the plan; "Trump called it “X”" reports Trump. A verb right after a noun phrase without a subject pronoun or name is naming. */
function hasSpeakingSubject(model: DocumentModel, verb: number): boolean {
  const prev = model.tokens[verb - 1];
  const prev2 = model.tokens[verb - 2];
  if (!prev) return false;
  if (["he", "she", "they", "who", "it", "i", "we", "also", "has", "have", "had", "once", "repeatedly", "previously"].includes(prev.lower)) return true;
  if (prev.cap && prev.kind === "word") return true;
  // "what he called", "which critics called"
  return prev2 !== undefined && ["he", "she", "they", "what", "critics", "officials"].includes(prev2.lower);
}
