// Normalises article text into the body all offsets point into: plain spaces, paragraphs separated by one blank line, trimmed.

/** Spaces that look like a space but are not one (NBSP, thin and narrow spaces, ideographic space). */
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** Invisible characters that break word matching (zero-width space/joiners, BOM, soft hyphen). */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/**
 * Paragraphs are separated by blank lines. When the text has no blank line at all, each line is a paragraph;
 * otherwise single line breaks inside a paragraph are soft wraps and become spaces.
 */
/** One scan to tell whether any of the replacements below has work to do; most texts need none. */
const NEEDS_CLEANING = /[\r\u00a0\u1680\u2000-\u200d\u202f\u205f\u3000\u2060\ufeff\u00ad]/;

export function splitParagraphs(text: string): string[] {
  const clean = NEEDS_CLEANING.test(text) ? text.replace(/\r\n?/g, "\n").replace(ODD_SPACES, " ").replace(INVISIBLE, "") : text;
  const hasBlankLine = /\n[ \t]*\n/.test(clean);
  const blocks = hasBlankLine ? clean.split(/\n[ \t]*\n/) : clean.split("\n");
  const out: string[] = [];
  for (const block of blocks) {
    // The regular expressions only run on blocks that need them; most paragraphs are already clean.
    const joined = block.includes("\n") ? block.replace(/[ \t]*\n[ \t]*/g, " ") : block;
    const spaced = joined.includes("  ") || joined.includes("\t") ? joined.replace(/[ \t]+/g, " ") : joined;
    const trimmed = spaced.trim();
    if (trimmed) out.push(trimmed);
  }
  return out;
}

export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.join("\n\n");
}

/** Any text to a normalised body (several blank lines collapse into one; NBSP becomes a space). */
export function normaliseBody(text: string): string {
  return joinParagraphs(splitParagraphs(text));
}
