// A quote's attribution evidence from its stored columns; an editor's choice of speaker is certain.
import type { Quote } from "../../entities/quote.entity";

export interface QuoteAttributionView {
  method: string;
  cue: string | null;
  mention: { text: string; start: number; end: number } | null;
  followed: string | null;
  confidence: number;
}

export function quoteAttribution(
  q: Pick<
    Quote,
    | "speakerId"
    | "speakerSetByEditor"
    | "cue"
    | "attributionMethod"
    | "attributionFollowed"
    | "attributionMention"
    | "attributionMentionStart"
    | "attributionMentionEnd"
    | "attributionConfidence"
  >,
): QuoteAttributionView | null {
  if (!q.speakerId) return null;
  if (q.speakerSetByEditor) return { method: "editor", cue: q.cue ?? null, mention: null, followed: null, confidence: 1 };
  if (!q.attributionMethod || q.attributionConfidence == null) return null;
  const mention =
    q.attributionMention != null && q.attributionMentionStart != null && q.attributionMentionEnd != null
      ? { text: q.attributionMention, start: q.attributionMentionStart, end: q.attributionMentionEnd }
      : null;
  return { method: q.attributionMethod, cue: q.cue ?? null, mention, followed: q.attributionFollowed ?? null, confidence: q.attributionConfidence };
}
