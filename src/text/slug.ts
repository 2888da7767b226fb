// URL-safe slugs from names and titles.
import { createHash } from "node:crypto";

/** Lower-case ASCII words joined by hyphens, at most `max` characters, e.g. "Vladimir Putin" → "vladimir-putin". */
export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = slug.slice(0, max).replace(/-+$/g, "");
  return cut || "item";
}

/** A slug made unique by a short hash of `seed` (used when the plain slug is taken). */
export function uniqueSlug(text: string, seed: string): string {
  const suffix = createHash("sha256").update(seed).digest("hex").slice(0, 8);
  return `${slugify(text, 71)}-${suffix}`;
}

/** SHA-256 hex of text with whitespace folded and case ignored: equal for the same words. */
export function normalizedHash(text: string): string {
  const norm = text
    .normalize("NFKC")
    .replace(/[“”„‟"]/g, '"')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return createHash("sha256").update(norm).digest("hex");
}
