// Shapes shared by the ingest pipeline: what parsers produce (RawArticle) and what extraction prints (ExtractedDocument).

/** Input formats the parsers understand. */
export type InputFormat = "text" | "json" | "rss" | "atom" | "html";

export type SpeakerKind = "PERSON" | "ORGANIZATION" | "GROUP";
export type QuoteKind = "DIRECT" | "PARTIAL" | "INDIRECT";
export type Sentiment = "POSITIVE" | "NEGATIVE" | "NEUTRAL" | "MIXED";

export interface ExtractedSpeaker {
  /** Canonical name: the fullest form seen ("Vladimir Putin"), an organisation without its article ("Kremlin"), or a group noun phrase ("analysts"). */
  name: string;
  /** Normalised role ("President of Russia") or null when the article gives none. */
  role: string | null;
  kind: SpeakerKind;
  /** Other names the article uses for the same speaker ("Putin", "Russian President Vladimir Putin"). Pronouns and descriptions are not aliases. */
  aliases: string[];
}

export interface ExtractedQuote {
  /** The words inside the quotation marks, without the marks: body.slice(start, end) === text. */
  text: string;
  /** Canonical speaker name (one of speakers[].name) or null when the article does not say who spoke. */
  speaker: string | null;
  kind: QuoteKind;
  start: number;
  end: number;
  /** The attribution cue as written ("said", "according to", "described"), or null. */
  cue: string | null;
  /** How the speaker was found, with a calibrated confidence; null (or absent) when the quote has no speaker. */
  attribution?: QuoteEvidence | null;
}

/** The evidence for a quote's speaker: which rule found it, where the speaker is named, and how sure it is. */
export interface QuoteEvidence {
  /** The rule that found the speaker: cue-after, cue-before, coordinated, final-clause, colon, continued, signoff. */
  method: string;
  /** The cue as written ("said", "told reporters" → "told"), or null when the rule needs none. */
  cue: string | null;
  /** The words that name the speaker at this point (a name, a pronoun, a description) and their body offsets. */
  mention: { text: string; start: number; end: number } | null;
  /** What was followed to reach the name: a pronoun, a description ("the minister"), or an earlier quote's speaker; null when the mention is the name. */
  followed: "pronoun" | "description" | "document" | "earlier-quote" | null;
  /** Probability that the speaker is right, from the rule's measured accuracy (docs/attribution.md). */
  confidence: number;
}

export interface ExtractedReaction {
  text: string;
  sentiment: Sentiment;
  /** Where the reaction was posted ("social media", "X", "Reddit") or null when not said. */
  platform: string | null;
}

export interface ExtractedArticle {
  title: string;
  url: string | null;
  /** ISO 8601 in UTC, or null when unknown. */
  publishedAt: string | null;
  dateline: string | null;
  language: string;
  body: string;
  summary?: string | null;
  outletName?: string | null;
  outletDomain?: string | null;
  topics?: string[];
  commentsOnPage?: number | null;
}

/** Exactly what `newsgraph extract` prints for one article. */
export interface ExtractedDocument {
  article: ExtractedArticle;
  speakers: ExtractedSpeaker[];
  quotes: ExtractedQuote[];
  reactions: ExtractedReaction[];
}

/** Quotes, speakers or reactions that came with the input (newsgraph JSON) and are taken as given instead of extracted. */
export interface ProvidedExtraction {
  speakers?: ExtractedSpeaker[];
  quotes?: ExtractedQuote[];
  reactions?: ExtractedReaction[];
}

/** What every input parser produces; the extractor only ever sees this. */
export interface RawArticle {
  title: string;
  url: string | null;
  publishedAt: Date | null;
  dateline: string | null;
  language: string;
  body: string;
  summary?: string | null;
  outletName?: string | null;
  outletDomain?: string | null;
  topics?: string[];
  commentsOnPage?: number | null;
  source: { format: InputFormat; name: string };
  /** Only set by the JSON parser when the input already carries an extraction. */
  provided?: ProvidedExtraction;
}
