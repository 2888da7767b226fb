// Function words used to find clause edges and to tell a sentence-initial capital from a name.

/** Words that are capitalised only because they open a sentence; never the start of a name. */
const SENTENCE_STARTERS = `
a an the this that these those it its he she they we i you his her their our my your him them us me there here what which who
whom whose where when why how in on at for from with without by as but and or nor so yet if while although though after before
since because however meanwhile still also then now today yesterday tomorrow last next some many most several both all each
every no not other others another one two three four five six seven eight nine ten first second third once even just only more
less further instead indeed thus therefore moreover furthermore additionally nevertheless nonetheless otherwise overall similarly
likewise earlier later recently currently finally according despite during under over amid amidst among about against between
through until unless whether asked speaking given following asked unlike like such much few lots plenty perhaps maybe yes
sources officials critics analysts experts reactions users residents people some many local some separately elsewhere inside
outside around across along beyond near toward towards upon within above below behind beside besides except regarding
concerning including onto into out up down off away back anyway anyhow nearly almost about roughly just
dozens hundreds thousands millions scores numerous nobody everyone everybody anyone anybody someone somebody nothing everything something anything none neither either
`;

const STARTER_SET = new Set(SENTENCE_STARTERS.split(/\s+/).filter(Boolean));

export function isSentenceStarterWord(lower: string): boolean {
  return STARTER_SET.has(lower);
}

/** Conjunctions and subordinators that end a subject search going left from a cue verb. */
const CLAUSE_BOUNDARIES = new Set([
  "and",
  "but",
  "or",
  "nor",
  "though",
  "although",
  "while",
  "whereas",
  "because",
  "since",
  "so",
  "yet",
  "that",
  "where",
  "when",
  "if",
  "after",
  "before",
  "until",
  "unless",
  "whether",
  "than",
  "with",
  "as",
  "once",
  "whilst",
  "however",
  "meanwhile",
]);

export function isClauseBoundary(lower: string): boolean {
  return CLAUSE_BOUNDARIES.has(lower);
}

const PREPOSITIONS = new Set([
  "in",
  "on",
  "at",
  "for",
  "from",
  "with",
  "without",
  "by",
  "to",
  "of",
  "about",
  "against",
  "between",
  "among",
  "amid",
  "over",
  "under",
  "into",
  "onto",
  "through",
  "during",
  "despite",
  "toward",
  "towards",
  "upon",
  "within",
  "across",
  "behind",
  "beyond",
  "near",
  "after",
  "before",
  "since",
  "like",
  "unlike",
  "via",
  "per",
  "alongside",
  "around",
]);

export function isPreposition(lower: string): boolean {
  return PREPOSITIONS.has(lower);
}

const DETERMINERS = new Set(["the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your"]);

export function isDeterminer(lower: string): boolean {
  return DETERMINERS.has(lower);
}

export const RELATIVE_PRONOUNS = new Set(["who", "which"]);

/** Small-word connectors allowed inside a name or title ("Ministry of Finance", "Erik ten Hag"). */
const NAME_PARTICLES = new Set(["de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "del", "della", "bin", "ibn", "al", "el", "ten", "ter", "dos", "das", "y", "st", "st."]);

export function isNameParticle(lower: string): boolean {
  return NAME_PARTICLES.has(lower);
}

/** Connectors allowed inside organisation names ("Ministry of Finance", "Institute for Fiscal Studies"). */
export const ORG_CONNECTORS = new Set(["of", "for", "and", "&", "on", "the"]);

/** Capitalised words that are never part of a person's name. */
const NOT_NAME_SET = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "easter", "ramadan", "covid", "internet", "god", "brexit"]);

/** "her", "his" …: a name right after one of these modifies the noun that follows ("her Downton Abbey co-star"). */
export const POSSESSIVE_DETERMINERS = new Set(["her", "his", "their", "its", "our", "my", "your"]);

/** Time zones written after a time ("3.15pm ET", "14:32 GMT"): never an organisation or a person. */
const TIME_ZONES = new Set([
  "et",
  "est",
  "edt",
  "ct",
  "cst",
  "cdt",
  "mt",
  "mst",
  "mdt",
  "pt",
  "pst",
  "pdt",
  "gmt",
  "bst",
  "utc",
  "cet",
  "cest",
  "eet",
  "eest",
  "ist",
  "jst",
  "kst",
  "aest",
  "aedt",
  "awst",
  "nzst",
  "nzdt",
  "hkt",
  "sgt",
  "wat",
  "eat",
  "sast",
]);

export function isNeverName(lower: string): boolean {
  return NOT_NAME_SET.has(lower) || TIME_ZONES.has(lower);
}

/** Month names; they break a name only when a number stands next to them ("13 March", "March 2025"), since May and April are also names. */
const MONTHS = new Set([
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);

export function isMonthName(lower: string): boolean {
  return MONTHS.has(lower.endsWith(".") ? lower.slice(0, -1) : lower);
}
