// Splits a wire-style dateline off the first paragraph: "Moscow, Russia – March 13, 2025 - Russian President …" → "Moscow, Russia".

const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATE = String.raw`(?:${MONTH}\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+${MONTH}(?:\s+\d{4})?)`;
const PLACE_WORD = String.raw`(?:[\p{Lu}][\p{L}'’.\-]*|[\p{Lu}]{2,})`;
/** One to four capitalised words, optionally followed by ", Region" (one to three words). */
const PLACE = String.raw`(${PLACE_WORD}(?:\s+${PLACE_WORD}){0,3}(?:,\s*${PLACE_WORD}(?:\s+${PLACE_WORD}){0,2})?)`;
const DASH = String.raw`\s+[-–—]+\s+`;
const AGENCY = String.raw`(?:\s*\((?:[\p{L} .]{1,20})\))?`;

// "Moscow, Russia – March 13, 2025 - ", "LONDON, March 13 (Reuters) - ", "WASHINGTON (AP) — ", "Kyiv — "
const DATELINE = new RegExp(String.raw`^${PLACE}(?:,?\s+${DATE})?${AGENCY}${DASH}(?:${DATE}${DASH})?`, "u");

export interface DatelineSplit {
  dateline: string;
  /** The paragraph with the dateline prefix removed. */
  rest: string;
}

/** The dateline at the start of a paragraph, or null when the paragraph starts with ordinary prose. */
export function splitDateline(paragraph: string): DatelineSplit | null {
  const m = DATELINE.exec(paragraph);
  if (!m) return null;
  const prefix = m[0];
  const place = (m[1] as string).trim();
  const rest = paragraph.slice(prefix.length).trim();
  // A dateline is short and followed by a sentence; "Speaking - as ever -" is not one.
  if (!rest || prefix.length > 90 || place.split(/\s+/).length > 6) return null;
  if (!/^[\p{Lu}\p{N}“"‘']/u.test(rest)) return null;
  const words = place.replace(/,/g, " ").split(/\s+/).filter(Boolean);
  if (words.some((w) => /^(?:The|A|An|In|On|At|But|And|I|He|She|It|We|They|This|That)$/.test(w))) return null;
  return { dateline: place.replace(/\s+/g, " "), rest };
}
