// Synthetic news text: names, headlines, paragraphs, quotes and comments of realistic length, built
// from small word lists so the full-text indexes have real words to work on.
import type { Random } from "./random";

export const FIRST_NAMES = [
  "Anna",
  "Boris",
  "Carla",
  "David",
  "Elena",
  "Farid",
  "Grace",
  "Hugo",
  "Irina",
  "James",
  "Keiko",
  "Luis",
  "Maria",
  "Nikolai",
  "Olga",
  "Pedro",
  "Queenie",
  "Rafael",
  "Sofia",
  "Tomas",
  "Uma",
  "Viktor",
  "Wendy",
  "Xavier",
  "Yulia",
  "Zoran",
  "Amir",
  "Beatriz",
  "Chen",
  "Dmitri",
  "Esther",
  "Felix",
  "Greta",
  "Hassan",
  "Ingrid",
  "Jonas",
  "Katya",
  "Leon",
  "Mina",
  "Nadia",
  "Oscar",
  "Priya",
  "Ravi",
  "Sara",
  "Theo",
  "Ursula",
  "Vera",
  "Walter",
  "Yasmin",
  "Zainab",
];

export const LAST_NAMES = [
  "Petrov",
  "Smith",
  "Garcia",
  "Kowalski",
  "Nakamura",
  "Okafor",
  "Larsen",
  "Moreau",
  "Rossi",
  "Schmidt",
  "Ivanova",
  "Novak",
  "Haddad",
  "Silva",
  "Jensen",
  "Dubois",
  "Costa",
  "Fischer",
  "Yilmaz",
  "Kim",
  "Tanaka",
  "Nguyen",
  "Mendes",
  "Varga",
  "Horvat",
  "Andersen",
  "Bauer",
  "Castillo",
  "Demir",
  "Eriksen",
  "Fontaine",
  "Gallo",
  "Herrera",
  "Ishikawa",
  "Jovanovic",
  "Keller",
  "Lindqvist",
  "Marino",
  "Nielsen",
  "Ortega",
  "Popescu",
  "Quinn",
  "Romero",
  "Sokolov",
  "Torres",
  "Ulrich",
  "Vasquez",
  "Weber",
  "Young",
  "Zhukov",
];

export const ROLES = [
  "Minister of Finance",
  "President",
  "Prime Minister",
  "spokesperson for the ministry",
  "central bank governor",
  "opposition leader",
  "mayor",
  "chief executive",
  "union leader",
  "senior economist",
  "foreign minister",
  "defence minister",
  "health minister",
  "professor of economics",
  "police chief",
  "human rights lawyer",
  "party chairman",
  "ambassador",
  "energy analyst",
  "activist",
];

export const ORGANIZATIONS = [
  "Ministry of Finance",
  "Central Bank",
  "Ministry of Defence",
  "Energy Agency",
  "Workers' Union",
  "Chamber of Commerce",
  "Red Cross",
  "Election Commission",
  "Supreme Court",
  "City Council",
  "Health Service",
  "Football Federation",
];

export const TOPICS = ["politics", "economy", "energy", "health", "climate", "sport", "technology", "security", "culture", "education"];

/** Words quotes are built around; the benchmark searches for these. */
export const SEARCH_WORDS = [
  "budget",
  "inflation",
  "sanctions",
  "election",
  "pipeline",
  "ceasefire",
  "reform",
  "taxes",
  "pensions",
  "vaccine",
  "drought",
  "border",
  "strike",
  "tariffs",
  "corruption",
  "refugees",
  "harvest",
  "currency",
  "investment",
  "protest",
  "treaty",
  "nuclear",
  "hospital",
  "schools",
  "housing",
  "wages",
  "exports",
  "pollution",
  "tourism",
  "stadium",
  "railway",
  "bridge",
  "airport",
  "parliament",
  "court",
  "police",
  "army",
  "farmers",
  "miners",
  "doctors",
];

const NOUNS = [
  "government",
  "ministry",
  "country",
  "region",
  "economy",
  "market",
  "people",
  "officials",
  "company",
  "plan",
  "proposal",
  "agreement",
  "crisis",
  "situation",
  "report",
  "decision",
  "policy",
  "measures",
  "talks",
  "negotiations",
  "vote",
  "law",
  "committee",
  "city",
  "province",
  "capital",
  "week",
  "year",
  "month",
  "decade",
  "sector",
  "industry",
  "workers",
  "families",
];
const VERBS = [
  "announced",
  "rejected",
  "approved",
  "criticised",
  "welcomed",
  "delayed",
  "questioned",
  "defended",
  "proposed",
  "warned about",
  "discussed",
  "supported",
  "opposed",
  "reviewed",
  "expanded",
  "cut",
  "raised",
  "suspended",
  "confirmed",
  "denied",
];
const ADJECTIVES = [
  "new",
  "controversial",
  "long-awaited",
  "national",
  "regional",
  "temporary",
  "ambitious",
  "modest",
  "sweeping",
  "urgent",
  "unexpected",
  "final",
  "preliminary",
  "historic",
  "difficult",
  "public",
  "private",
  "foreign",
  "domestic",
  "major",
];
const QUOTE_OPENERS = [
  "We will not accept",
  "This is the moment to discuss",
  "Nobody expected",
  "The real problem is",
  "Our position on",
  "I am convinced that",
  "It would be a mistake to ignore",
  "We have always supported",
  "There is no evidence of",
  "People are worried about",
  "We need more time to study",
  "It is too early to judge",
  "History will judge",
  "The numbers on",
];
const CUES = ["said", "told reporters", "stressed", "added", "warned", "insisted", "argued", "noted", "claimed", "explained"];
const COMMENT_OPENERS = [
  "Completely agree.",
  "I doubt it.",
  "Finally someone says it.",
  "This is nonsense.",
  "Good reporting.",
  "What about",
  "Interesting,",
  "Sources?",
  "Same story every year.",
  "Well said.",
  "I live there and",
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One plain news sentence of 12–25 words. */
export function sentence(rng: Random): string {
  const parts = [`The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`, rng.pick(VERBS), `the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} on ${rng.pick(SEARCH_WORDS)}`];
  if (rng.chance(0.6)) parts.push(`after ${rng.int(2, 40)} ${rng.pick(["days", "weeks", "months"])} of ${rng.pick(NOUNS)}`);
  if (rng.chance(0.5)) parts.push(`according to the ${rng.pick(NOUNS)}`);
  if (rng.chance(0.4)) parts.push(`in the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`);
  return parts.join(" ") + ".";
}

export function paragraph(rng: Random, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(" ");
}

export function headline(rng: Random): string {
  return `${cap(rng.pick(NOUNS))} ${rng.pick(VERBS)} ${rng.pick(ADJECTIVES)} ${rng.pick(SEARCH_WORDS)} ${rng.pick(NOUNS)}`;
}

/** The words of a quote, 60–260 characters, always around one or two search words. */
export function quoteText(rng: Random): string {
  const words = [rng.pick(SEARCH_WORDS)];
  if (rng.chance(0.5)) words.push(rng.pick(SEARCH_WORDS));
  let text = `${rng.pick(QUOTE_OPENERS)} the ${rng.pick(ADJECTIVES)} ${words[0]} ${rng.pick(NOUNS)}`;
  if (words[1]) text += ` and the ${words[1]} ${rng.pick(NOUNS)}`;
  if (rng.chance(0.6)) text += `, because the ${rng.pick(NOUNS)} ${rng.pick(VERBS)} the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  if (rng.chance(0.4)) text += ` and nobody ${rng.pick(VERBS)} it for ${rng.int(2, 30)} ${rng.pick(["days", "weeks", "years"])}`;
  return text;
}

export function cue(rng: Random): string {
  return rng.pick(CUES);
}

/** A reader comment, 40–700 characters (most short, a few long). */
export function commentBody(rng: Random): string {
  const n = rng.chance(0.8) ? 1 : rng.int(2, 5);
  return `${rng.pick(COMMENT_OPENERS)} ${paragraph(rng, n)}`;
}

export function authorName(rng: Random): string {
  return `${rng.pick(FIRST_NAMES).toLowerCase()}_${rng.pick(LAST_NAMES).toLowerCase()}${rng.int(1, 999)}`;
}
