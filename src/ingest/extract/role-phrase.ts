// Turns the title words written before a name ("Russian President", "U.S. President") into a role phrase ("President of Russia").
import { canonicalCountry, countryInPhrase, countryOfAdjective } from "./lexicon/places";
import { isOrgWord } from "./lexicon/organisations";
import { expandTitleWord, isHonorific, isRoleHead } from "./lexicon/titles";

const LOWER_CONNECTORS = new Set(["of", "for", "and", "the", "at", "to", "on"]);

/**
 * Builds a role from title words. A country adjective or name among them becomes "of <country>"; honorifics
 * (Mr, Dr) are dropped. Returns null when no role word is left.
 */
export function rolePhrase(words: readonly string[]): string | null {
  const ofOrg = roleOfOrganisation(words);
  if (ofOrg) return ofOrg;
  let country: string | undefined;
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const lower = word.toLowerCase();
    if (isHonorific(lower) && !isRoleHead(lower)) continue;
    // Two-word countries ("South Korean", "New Zealand") are only possible between two capitalised words.
    const next = words[i + 1];
    const pair = next !== undefined && /^\p{Lu}/u.test(word) && /^\p{Lu}/u.test(next) ? `${word} ${next}` : "";
    const pairCountry = pair ? (canonicalCountry(pair) ?? countryOfAdjective(pair)) : undefined;
    if (!country && pairCountry) {
      country = pairCountry;
      i++;
      continue;
    }
    const single = countryOfAdjective(word) ?? canonicalCountry(word);
    if (!country && single && !isRoleHead(lower)) {
      country = single;
      continue;
    }
    kept.push(word);
  }
  while (kept.length && LOWER_CONNECTORS.has((kept[0] as string).toLowerCase())) kept.shift();
  while (kept.length && LOWER_CONNECTORS.has((kept[kept.length - 1] as string).toLowerCase())) kept.pop();
  if (!kept.some((w) => isRoleHead(w.toLowerCase()))) return null;
  const title = kept.map((w) => (LOWER_CONNECTORS.has(w.toLowerCase()) ? w.toLowerCase() : expandTitleWord(w))).join(" ");
  return country ? `${title} of ${countryInPhrase(country)}` : title;
}

/**
 * "European Central Bank President" → "President of the European Central Bank": capitalised words up to an
 * organisation word ("Bank", "Commission", "Institute") name the body, and the title after them holds an office
 * in it; a country adjective inside the name ("European") is part of the name, not the office's country.
 */
function roleOfOrganisation(words: readonly string[]): string | null {
  let org = -1;
  for (let i = 0; i < words.length - 1; i++) {
    if (!/^\p{Lu}/u.test(words[i] as string) || isHonorific((words[i] as string).toLowerCase())) break;
    if (isOrgWord((words[i] as string).toLowerCase()) && i > 0) org = i;
  }
  if (org < 1) return null;
  const rest = words.slice(org + 1);
  if (!rest.some((w) => isRoleHead(w.toLowerCase())) || rest.some((w) => isOrgWord(w.toLowerCase()))) return null;
  const name = words.slice(0, org + 1).join(" ");
  return `${rest.map((w) => (LOWER_CONNECTORS.has(w.toLowerCase()) ? w.toLowerCase() : expandTitleWord(w))).join(" ")} of the ${name}`;
}

/** Cleans an appositive ("the union’s deputy chair", "an economist at the IFS") into a role, or null when it names no role. */
export function appositiveRole(text: string): string | null {
  const trimmed = text
    .replace(/^\s*\d{1,3}\s*,\s*/, "") // "67, a farmer" → "a farmer"
    .replace(/^\s*(?:the|a|an|his|her|their|its)\s+/i, "")
    .replace(/[\s,.;:]+$/, "")
    .trim();
  if (!trimmed || trimmed.length > 80) return null;
  const words = trimmed.split(/\s+/);
  if (!words.some((w) => isRoleHead(w.toLowerCase().replace(/[’']s$/, "")))) return null;
  return trimmed;
}
