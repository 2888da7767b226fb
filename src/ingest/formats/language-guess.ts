// Guesses an article's language from its most common function words when the source does not say; "en" when unsure.

const STOPWORDS: Record<string, readonly string[]> = {
  en: ["the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "said", "on", "he", "it"],
  de: ["der", "die", "und", "das", "nicht", "ist", "mit", "sich", "auf", "für", "ein", "eine", "dem", "sagte"],
  fr: ["le", "la", "les", "et", "des", "est", "une", "pour", "dans", "que", "qui", "du", "pas", "sur"],
  es: ["el", "la", "los", "las", "y", "que", "del", "para", "con", "una", "por", "es", "dijo", "se"],
  it: ["il", "della", "che", "di", "e", "per", "una", "sono", "con", "non", "gli", "nel", "ha", "del"],
  pt: ["o", "os", "que", "do", "da", "em", "para", "com", "não", "uma", "disse", "por", "mais", "dos"],
  nl: ["de", "het", "een", "en", "van", "niet", "dat", "met", "voor", "zijn", "op", "ook", "zei", "is"],
};

/** Stopword → languages using it, built once. */
const LOOKUP = new Map<string, string[]>();
for (const [lang, list] of Object.entries(STOPWORDS)) for (const w of list) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang]);

/** BCP 47 primary subtag ("en-US" → "en"), or null when the tag is empty. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

export function guessLanguage(text: string): string {
  const sample = text.slice(0, 800);
  if (/[\u0400-\u04ff]/.test(sample) && (sample.match(/[\u0400-\u04ff]/g)?.length ?? 0) > sample.length / 4) return "ru";
  const counts = new Map<string, number>();
  // Latin letters only: every stopword list above is written in them. Forty stopwords are plenty to decide.
  const wordRe = /[a-z\u00df-\u00ff]+/g;
  const lower = sample.toLowerCase();
  let seen = 0;
  for (let m = wordRe.exec(lower); m !== null && seen < 40; m = wordRe.exec(lower)) {
    const langs = LOOKUP.get(m[0]);
    if (!langs) continue;
    seen++;
    for (const lang of langs) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  let best = "en";
  let bestCount = 0;
  for (const [lang, count] of counts) {
    if (count > bestCount || (count === bestCount && lang === "en")) {
      best = lang;
      bestCount = count;
    }
  }
  return bestCount >= 3 ? best : "en";
}
