// Turns a parsed article into the graph material newsgraph stores: speakers, attributed quotes and public reactions.
import { Attributor } from "./extract/attribution";
import { Coreference } from "./extract/coreference";
import { confidenceOf, evidenceOf } from "./extract/evidence";
import { findUnmarkedQuotes } from "./extract/unmarked-lines";
import { buildDocumentModel, type DocumentModel } from "./extract/document-model";
import { EntityRegistry, type Entity } from "./extract/entity-registry";
import { classifyQuoteKind } from "./extract/quote-kind";
import { detectReaction } from "./extract/reaction-detector";
import { isNonSpeechQuote } from "./extract/scare-quotes";
import { scoreSentiment } from "./extract/sentiment";
import { findMentions } from "./extract/speaker-mentions";
import { SubjectReader } from "./extract/subject-phrase";
import type { Token } from "./extract/text-tokens";
import type { ExtractedArticle, ExtractedDocument, ExtractedQuote, ExtractedReaction, ExtractedSpeaker, QuoteEvidence, RawArticle } from "./types";

export { overallSentiment, scoreSentiment } from "./extract/sentiment";

/** ISO 8601 in UTC, without milliseconds when there are none ("2025-03-13T11:51:00Z"). */
export function toIsoString(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}

function toExtractedArticle(raw: RawArticle): ExtractedArticle {
  const article: ExtractedArticle = {
    title: raw.title,
    url: raw.url,
    publishedAt: raw.publishedAt && !Number.isNaN(raw.publishedAt.getTime()) ? toIsoString(raw.publishedAt) : null,
    dateline: raw.dateline,
    language: raw.language,
    body: raw.body,
  };
  if (raw.summary !== undefined) article.summary = raw.summary;
  if (raw.outletName !== undefined) article.outletName = raw.outletName;
  if (raw.outletDomain !== undefined) article.outletDomain = raw.outletDomain;
  if (raw.topics !== undefined) article.topics = raw.topics;
  if (raw.commentsOnPage !== undefined) article.commentsOnPage = raw.commentsOnPage;
  return article;
}

/** Reaction text drops the comma that American punctuation puts inside the closing mark. */
function reactionText(text: string): string {
  return text.replace(/[\s,]+$/, "");
}

/** The words that introduce a quote in its sentence (outside any quote), used when the quote itself carries no sentiment. */
function introText(model: DocumentModel, q: number): string {
  const open = model.quoteOpenToken[q] as number;
  const sentence = model.sentences[model.tokenSentence[open] as number];
  if (!sentence) return "";
  const words: string[] = [];
  for (let k = sentence.tokenStart; k < open; k++) if (model.tokenQuote[k] === -1) words.push((model.tokens[k] as Token).text);
  return words.join(" ");
}

export interface Extraction {
  speakers: ExtractedSpeaker[];
  quotes: ExtractedQuote[];
  reactions: ExtractedReaction[];
}

/** Runs quote finding, attribution and reaction detection over a body. */
export function extractFromBody(body: string): Extraction {
  const model = buildDocumentModel(body);
  const registry = new EntityRegistry();
  const index = findMentions(model, registry);
  const coref = new Coreference(model, index, registry);
  const reader = new SubjectReader(model, index, registry, coref);

  const skip = new Set<number>();
  for (let q = 0; q < model.quotes.length; q++) if (isNonSpeechQuote(model, q)) skip.add(q);
  const kinds = model.quotes.map((_, q) => classifyQuoteKind(model, q));
  const attributor = new Attributor(
    model,
    reader,
    coref,
    skip,
    kinds.map((k) => k === "DIRECT"),
  );

  const found: { q: number; speaker: Entity | null; cue: string | null; evidence: QuoteEvidence | null }[] = [];
  const reactions: (ExtractedReaction & { at: number })[] = [];
  let previousWasReaction = false;
  for (let q = 0; q < model.quotes.length; q++) {
    if (skip.has(q)) {
      previousWasReaction = false;
      continue;
    }
    const attribution = attributor.attribute(q);
    const quote = model.quotes[q];
    if (!quote) continue;
    const text = body.slice(quote.start, quote.end);
    const reaction = detectReaction(model, q, attribution, previousWasReaction);
    previousWasReaction = reaction.isReaction;
    const subject = attribution.subject;
    const speaker = reaction.isReaction || !subject || subject.kind === "anonymous" ? null : subject.entity;
    if (speaker) {
      speaker.spoke = true;
      attributor.noteSpeaker(q, speaker);
    }
    found.push({ q, speaker, cue: attribution.cue?.text ?? null, evidence: evidenceOf(model, attribution, speaker !== null) });
    if (reaction.isReaction) {
      let { sentiment } = scoreSentiment(text);
      // A quote with no sentiment words takes the tone of strong words introducing it ("welcomed", "furious").
      if (sentiment === "NEUTRAL") sentiment = scoreSentiment(introText(model, q), 2).sentiment;
      reactions.push({ text: reactionText(text), sentiment, platform: reaction.platform, at: quote.start });
    }
  }
  const unmarked = findUnmarkedQuotes(model, registry, index);
  for (const u of unmarked) {
    if (u.speaker) u.speaker.spoke = true;
    if (u.source === "handle") {
      const text = body.slice(u.start, u.end);
      reactions.push({ text: reactionText(text), sentiment: scoreSentiment(text).sentiment, platform: null, at: u.start });
    }
  }

  const mentioned = new Set<number>();
  for (const m of index.mentions) if (m.entity >= 0 && m.kind === "PERSON") mentioned.add(m.entity);
  // Names are read only now: a later, fuller mention may have renamed an entity while quotes were attributed.
  const quotes: ExtractedQuote[] = found.map(({ q, speaker, cue, evidence }) => {
    const quote = model.quotes[q] as (typeof model.quotes)[number];
    return { text: body.slice(quote.start, quote.end), speaker: speaker ? speaker.name : null, kind: kinds[q] ?? "PARTIAL", start: quote.start, end: quote.end, cue, attribution: evidence };
  });
  for (const u of unmarked) {
    const mention = u.mention ? { text: body.slice(u.mention.start, u.mention.end), ...u.mention } : null;
    const attribution: QuoteEvidence | null = u.speaker ? { method: u.source, cue: null, mention, followed: null, confidence: confidenceOf(u.source, null) } : null;
    quotes.push({ text: body.slice(u.start, u.end), speaker: u.speaker ? u.speaker.name : null, kind: "DIRECT", start: u.start, end: u.end, cue: null, attribution });
  }
  if (unmarked.length) {
    quotes.sort((a, b) => a.start - b.start);
    reactions.sort((a, b) => a.at - b.at);
  }
  return { speakers: registry.toSpeakers(mentioned), quotes, reactions: reactions.map(({ at: _at, ...r }) => r) };
}

/** Speakers for quotes given with the input: those extracted under the same name, plus plain entries for the rest. */
function speakersForQuotes(quotes: readonly ExtractedQuote[], extracted: readonly ExtractedSpeaker[]): ExtractedSpeaker[] {
  const names = new Set(quotes.map((q) => q.speaker).filter((s): s is string => s !== null));
  const out = extracted.filter((s) => names.has(s.name));
  for (const name of names) if (!out.some((s) => s.name === name)) out.push({ name, role: null, kind: "PERSON", aliases: [] });
  return out;
}

export function extractArticle(raw: RawArticle): ExtractedDocument {
  const article = toExtractedArticle(raw);
  const provided = raw.provided;
  if (provided?.quotes && provided.speakers && provided.reactions) {
    return { article, speakers: provided.speakers, quotes: provided.quotes, reactions: provided.reactions };
  }
  const extracted = extractFromBody(raw.body);
  const quotes = provided?.quotes ?? extracted.quotes;
  const speakers = provided?.speakers ?? (provided?.quotes ? speakersForQuotes(provided.quotes, extracted.speakers) : extracted.speakers);
  const reactions = provided?.reactions ?? extracted.reactions;
  return { article, speakers, quotes, reactions };
}
