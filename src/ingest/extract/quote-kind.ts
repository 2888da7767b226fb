// Classifies a quote as DIRECT (an utterance standing on its own) or PARTIAL (a fragment built into the writer's sentence).
import { cueAt } from "./cue-finder";
import type { DocumentModel } from "./document-model";
import type { QuoteKind } from "../types";
import type { Token } from "./text-tokens";

const STARTS_UTTERANCE = /^[\p{Lu}\p{N}“‘"'¿¡…(]/u;
const ENDS_SENTENCE = /[.!?…][’”'"]?$/;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function classifyQuoteKind(model: DocumentModel, q: number): QuoteKind {
  const quote = model.quotes[q];
  if (!quote) return "PARTIAL";
  if (quote.lastParagraph !== quote.paragraph) return "DIRECT";
  const text = model.body.slice(quote.start, quote.end);
  const open = model.quoteOpenToken[q] as number;
  const sentence = model.sentences[model.tokenSentence[open] as number];
  const capitalised = STARTS_UTTERANCE.test(text);

  // Opening its sentence (or paragraph): an utterance, unless it is a lower-case fragment ("“bloodbath” was his word").
  if (!sentence || sentence.tokenStart === open) return capitalised ? "DIRECT" : "PARTIAL";

  const before = model.tokens[open - 1] as Token;
  if (before.text === ":") return "DIRECT";
  if (before.text === "," || before.text === "—" || before.text === "–") {
    if (capitalised) return "DIRECT";
    // “If we do nothing,” warned X, “the costs …” — the continuation of a split utterance.
    for (let k = open - 2; k >= sentence.tokenStart; k--) {
      if (model.tokenQuote[k] !== -1) return "DIRECT";
      if (cueAt(model, k)) return "DIRECT";
      if ((model.tokens[k] as Token).text === ",") break;
    }
    return "PARTIAL";
  }
  // A whole sentence embedded without punctuation ("chanting “No more cuts!”").
  if (capitalised && ENDS_SENTENCE.test(text) && (wordCount(text) >= 3 || /[!?][’”'"]?$/.test(text))) return "DIRECT";
  return "PARTIAL";
}
