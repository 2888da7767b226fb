// Scores the sentiment of short reaction texts with the AFINN-165 lexicon (from the `sentiment` package), handling negation, "end the war" and contrast between clauses.
import afinn from "sentiment/languages/en/labels.json";
import type { ExtractedReaction, Sentiment } from "../types";

const LEXICON = new Map<string, number>(Object.entries(afinn as Record<string, number>));

/** News words AFINN lacks or scores for another register. */
const EXTRA_SCORES: Readonly<Record<string, number>> = {
  desperation: -3,
  absurd: -2,
  cheap: -2,
  rushed: -1,
  hike: -1,
  chaos: -2,
  chaotic: -2,
  shameful: -3,
  bloodbath: -3,
  unacceptable: -2,
  reckless: -2,
  dangerous: -2,
  corrupt: -3,
  incompetent: -3,
  pathetic: -3,
  ridiculous: -2,
  nonsense: -2,
  disgraceful: -3,
  outrageous: -3,
  appalling: -3,
  sham: -3,
  farce: -2,
  betrayal: -3,
  hypocrisy: -2,
  hypocrite: -2,
  lies: -2,
  liar: -3,
  propaganda: -2,
  overtures: 0,
  resilient: 2,
  historic: 2,
  brilliant: 3,
  finally: 0,
  unimpressed: -2,
  hope: 2,
  hopeful: 2,
  relief: 2,
  relieved: 2,
  grateful: 3,
  thrilled: 3,
  proud: 2,
  inspiring: 3,
  legend: 2,
  hero: 2,
  heroes: 2,
  disappointed: -2,
  disappointing: -2,
  terrible: -3,
  awful: -3,
  horrible: -3,
  worst: -3,
  scam: -3,
  ripoff: -3,
  kit: 0,
  joke: 1,
};

const EXTRAS = new Map(Object.entries(EXTRA_SCORES));

const NEGATORS = new Set([
  "not",
  "no",
  "never",
  "n't",
  "cannot",
  "can't",
  "cant",
  "don't",
  "dont",
  "doesn't",
  "doesnt",
  "didn't",
  "didnt",
  "isn't",
  "isnt",
  "wasn't",
  "wasnt",
  "aren't",
  "arent",
  "won't",
  "wont",
  "wouldn't",
  "wouldnt",
  "shouldn't",
  "shouldnt",
  "hardly",
  "without",
  "nobody",
  "nothing",
  "neither",
  "nor",
  "none",
]);

/** Verbs that turn a bad thing good: "end the war", "stop the violence". */
const ENDERS = new Set([
  "end",
  "ends",
  "ended",
  "ending",
  "stop",
  "stops",
  "stopped",
  "stopping",
  "halt",
  "halted",
  "halting",
  "cease",
  "ceased",
  "over",
  "beat",
  "defeat",
  "cure",
  "prevent",
  "avoid",
]);

/** Idioms of public comment whose words alone score nothing or the wrong way. */
const PHRASES: readonly [RegExp, number][] = [
  [/\babout (?:damn |bloody )?time\b/, 2],
  [/\bwell done\b/, 2],
  [/\bgood on (?:them|him|her|you)\b/, 2],
  [/\bhats off\b/, 2],
  [/\bnothing (?:ever )?changes\b/, -2],
  [/\bwaste of (?:money|time)\b/, -2],
  [/\brip[- ]?off\b/, -2],
  [/\bshame on\b/, -2],
  [/\bwhat a joke\b/, -3],
  [/\bgive me a break\b/, -2],
];

const CLAUSE_SPLIT = /[,;:.!?]+|\b(?:but|however|though|although|yet|whereas|while)\b/;
const WORD_RE = /[a-z][a-z']*/g;

function scoreWord(word: string): number {
  const w = word.replace(/'s$/, "");
  return EXTRAS.get(w) ?? LEXICON.get(w) ?? 0;
}

/** Sum of word scores in one clause, with negation (3-word reach) and enders flipping negative words. */
function scoreClause(clause: string, minWeight: number): number {
  const words = clause.match(WORD_RE) ?? [];
  let total = 0;
  for (const [phrase, score] of PHRASES) if (Math.abs(score) >= minWeight && phrase.test(clause)) total += score;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    let s = scoreWord(w);
    if (s === 0 || Math.abs(s) < minWeight) continue;
    let negated = false;
    for (let j = Math.max(0, i - 3); j < i; j++) if (NEGATORS.has(words[j] as string)) negated = true;
    // "never been better", "couldn't be happier": a negated comparative praises.
    if (negated && (w === "better" || w.endsWith("ier") || w === "more")) negated = false;
    if (negated) s = -s;
    if (s < 0) {
      for (let j = Math.max(0, i - 3); j <= Math.min(words.length - 1, i + 3); j++) {
        if (j !== i && ENDERS.has(words[j] as string)) {
          s = -s;
          break;
        }
      }
    }
    total += s;
  }
  return total;
}

/**
 * Sentiment of a text: MIXED when one clause leans positive and another negative. `minWeight` ignores words
 * scored weaker than it (used for the words around a quote, where mild words like "share" say little).
 */
export function scoreSentiment(text: string, minWeight = 0): { sentiment: Sentiment; score: number } {
  const clauses = text.toLowerCase().replace(/[’‘]/g, "'").split(CLAUSE_SPLIT);
  let positive = false;
  let negative = false;
  let total = 0;
  for (const clause of clauses) {
    if (!clause || !clause.trim()) continue;
    const s = scoreClause(clause, minWeight);
    total += s;
    if (s > 0) positive = true;
    if (s < 0) negative = true;
  }
  if (positive && negative) return { sentiment: "MIXED", score: total };
  if (total > 0) return { sentiment: "POSITIVE", score: total };
  if (total < 0) return { sentiment: "NEGATIVE", score: total };
  return { sentiment: "NEUTRAL", score: 0 };
}

/** The sentiment of the reactions taken together: MIXED as soon as both sides are heard. */
export function overallSentiment(reactions: readonly Pick<ExtractedReaction, "sentiment">[]): Sentiment {
  let positive = false;
  let negative = false;
  for (const r of reactions) {
    if (r.sentiment === "POSITIVE" || r.sentiment === "MIXED") positive = true;
    if (r.sentiment === "NEGATIVE" || r.sentiment === "MIXED") negative = true;
  }
  if (positive && negative) return "MIXED";
  if (positive) return "POSITIVE";
  if (negative) return "NEGATIVE";
  return "NEUTRAL";
}
