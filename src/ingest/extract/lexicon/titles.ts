// Titles, roles and honorifics that precede or describe people in news copy, with the gender some of them imply.

export type Gender = 'm' | 'f';

/** Role head words (lowercase). A title prefix must contain one of these to count as a role. */
const ROLE_HEADS = [
  'president', 'minister', 'chancellor', 'premier', 'king', 'queen', 'emperor', 'prince', 'princess', 'emir', 'sultan', 'pope',
  'secretary', 'secretary-general', 'director-general', 'ambassador', 'envoy', 'spokesman', 'spokeswoman', 'spokesperson',
  'senator', 'representative', 'congressman', 'congresswoman', 'congressmember', 'governor', 'mayor', 'speaker', 'leader',
  'chairman', 'chairwoman', 'chair', 'chairperson', 'ceo', 'cfo', 'coo', 'cto', 'executive', 'officer', 'founder', 'co-founder',
  'director', 'commissioner', 'judge', 'justice', 'general', 'admiral', 'colonel', 'lieutenant', 'major', 'captain', 'sergeant',
  'commander', 'chief', 'coach', 'manager', 'professor', 'bishop', 'archbishop', 'cardinal', 'rabbi', 'imam', 'sheikh', 'economist',
  'analyst', 'lawyer', 'attorney', 'prosecutor', 'dean', 'principal', 'editor', 'official', 'detective', 'inspector', 'sheriff',
  'superintendent', 'councillor', 'councilor', 'councilman', 'councilwoman', 'mp', 'mep', 'lawmaker', 'legislator', 'head',
  'administrator', 'strategist', 'correspondent', 'scientist', 'researcher', 'author', 'physician', 'surgeon', 'nurse', 'midwife',
  'chancellor', 'provost', 'vice-president', 'taoiseach', 'counterpart', 'deputy', 'constable', 'marshal', 'presenter', 'host',
  'meteorologist', 'epidemiologist', 'virologist', 'historian', 'journalist', 'reporter', 'columnist', 'activist', 'campaigner',
  'organiser', 'organizer', 'striker', 'midfielder', 'defender', 'goalkeeper', 'captain', 'forward', 'quarterback', 'pitcher',
  'owner', 'partner', 'trustee', 'treasurer', 'auditor', 'governor-general', 'whip', 'negotiator', 'adviser', 'advisor', 'aide',
  'architect', 'engineer', 'designer', 'artist', 'singer', 'actor', 'actress', 'director', 'producer', 'writer', 'novelist', 'poet',
  'farmer', 'teacher', 'student', 'candidate', 'nominee', 'challenger', 'incumbent', 'mediator', 'monarch', 'regent', 'patriarch',
];

/** Words that modify a role without being one ("former", "deputy", "foreign" in "Foreign Minister"). */
const ROLE_MODIFIERS = [
  'former', 'then', 'then-', 'late', 'acting', 'interim', 'deputy', 'vice', 'senior', 'chief', 'top', 'incoming', 'outgoing', 'new',
  'current', 'ex', 'foreign', 'defence', 'defense', 'finance', 'interior', 'health', 'home', 'justice', 'press', 'state', 'federal',
  'national', 'regional', 'prime', 'first', 'second', 'executive', 'financial', 'operating', 'technology', 'technical', 'general',
  'supreme', 'high', 'special', 'majority', 'minority', 'opposition', 'shadow', 'party', 'head', 'lead', 'principal', 'assistant',
  'associate', 'managing', 'education', 'economy', 'economic', 'trade', 'labour', 'labor', 'energy', 'environment', 'transport',
  'culture', 'agriculture', 'development', 'security', 'intelligence', 'police', 'military', 'army', 'naval', 'air', 'climate',
  'science', 'research', 'legal', 'union', 'club', 'team', 'city', 'county', 'district', 'council', 'crown', 'de', 'facto', 'and',
  'of', 'the', 'communications', 'digital', 'housing', 'immigration', 'veterans', 'commerce', 'treasury', 'attorney', 'solicitor',
  'surgeon', 'detective', 'lord', 'grand', 'chief-executive', 'co', 'founding', 'honorary', 'emeritus', 'visiting', 'clinical',
  'white', 'house', 'kremlin', 'downing', 'street', 'senate', 'house', 'world', 'pro', 'vice-', 'republican', 'democratic', 'democrat',
  'conservative', 'liberal', 'green', 'independent', 'local', 'junior', 'climate', 'public', 'consumer', 'civil', 'human', 'rights',
];

/** Abbreviated titles as written in copy, lowercase without their dot, to the word they stand for. */
const TITLE_ABBREVIATIONS: Record<string, string> = {
  sen: 'Senator', rep: 'Representative', gov: 'Governor', gen: 'General', lt: 'Lieutenant', col: 'Colonel', capt: 'Captain',
  sgt: 'Sergeant', prof: 'Professor', supt: 'Superintendent', insp: 'Inspector', det: 'Detective', cllr: 'Councillor',
  atty: 'Attorney', amb: 'Ambassador', pres: 'President', adm: 'Admiral', maj: 'Major', cmdr: 'Commander', gov_: 'Governor',
  rev: 'Reverend', fr: 'Father', hon: 'Honourable',
};

/** Honorifics carry gender but are not roles. */
const HONORIFICS: Record<string, Gender | null> = {
  mr: 'm', mrs: 'f', ms: 'f', miss: 'f', mx: null, dr: null, sir: 'm', dame: 'f', lord: 'm', lady: 'f', madam: 'f', madame: 'f',
  mister: 'm', monsieur: 'm', herr: 'm', frau: 'f', señor: 'm', señora: 'f', sheikh: 'm', father: 'm', sister: 'f', brother: 'm',
};

const GENDERED_ROLES: Record<string, Gender> = {
  king: 'm', queen: 'f', prince: 'm', princess: 'f', spokesman: 'm', spokeswoman: 'f', congressman: 'm', congresswoman: 'f',
  chairman: 'm', chairwoman: 'f', councilman: 'm', councilwoman: 'f', emperor: 'm', empress: 'f', actress: 'f', actor: 'm',
  businessman: 'm', businesswoman: 'f', pope: 'm', sultan: 'm', emir: 'm', imam: 'm', rabbi: 'm', bishop: 'm', cardinal: 'm',
  archbishop: 'm', patriarch: 'm', duke: 'm', duchess: 'f',
};

// Maps and sets, not object lookups: these run for every capitalised word in every article.
const ABBREVIATIONS = new Map(Object.entries(TITLE_ABBREVIATIONS));
const HONORIFIC_MAP = new Map(Object.entries(HONORIFICS));
const GENDERED_MAP = new Map(Object.entries(GENDERED_ROLES));
const ROLE_HEAD_SET = new Set([...ROLE_HEADS, ...ABBREVIATIONS.keys(), ...GENDERED_MAP.keys()]);
const ROLE_MODIFIER_SET = new Set(ROLE_MODIFIERS);

function bare(lower: string): string {
  return lower.charCodeAt(lower.length - 1) === 46 ? lower.slice(0, -1) : lower;
}

export function isRoleHead(lower: string): boolean {
  return ROLE_HEAD_SET.has(bare(lower));
}

export function isRoleModifier(lower: string): boolean {
  return ROLE_MODIFIER_SET.has(bare(lower));
}

export function isHonorific(lower: string): boolean {
  return HONORIFIC_MAP.has(bare(lower));
}

export function honorificGender(lower: string): Gender | null {
  return HONORIFIC_MAP.get(bare(lower)) ?? null;
}

export function roleGender(lower: string): Gender | null {
  return GENDERED_MAP.get(bare(lower)) ?? null;
}

/** Expands "Sen." to "Senator"; other words are returned with an upper-case first letter. */
export function expandTitleWord(word: string): string {
  const b = bare(word.toLowerCase());
  const expanded = ABBREVIATIONS.get(b);
  if (expanded) return expanded;
  if (/^(ceo|cfo|coo|cto|mp|mep)$/.test(b)) return b.toUpperCase();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Role heads that fit a description noun ("the Russian leader" fits a President or Prime Minister). A description
 * head maps to the role words a person's role must contain; `*` means any person fits (ages, "the billionaire").
 */
const DESCRIPTION_FITS: Record<string, readonly string[]> = {
  leader: ['president', 'prime minister', 'chancellor', 'premier', 'king', 'queen', 'leader', 'emir', 'sultan', 'head', 'chairman', 'secretary-general', 'taoiseach'],
  president: ['president'],
  'prime minister': ['prime minister'],
  premier: ['premier', 'prime minister'],
  chancellor: ['chancellor'],
  minister: ['minister', 'secretary'],
  secretary: ['secretary'],
  senator: ['senator'],
  lawmaker: ['senator', 'representative', 'congress', 'mp', 'lawmaker', 'legislator', 'councillor'],
  governor: ['governor'],
  mayor: ['mayor'],
  spokesman: ['spokes'],
  spokeswoman: ['spokes'],
  spokesperson: ['spokes'],
  official: ['minister', 'secretary', 'official', 'spokes', 'director', 'commissioner', 'ambassador', 'envoy', 'administrator', 'officer', 'chief'],
  diplomat: ['minister', 'ambassador', 'envoy', 'diplomat', 'secretary'],
  executive: ['ceo', 'executive', 'chief', 'president', 'chair', 'founder', 'director'],
  'chief executive': ['ceo', 'chief executive'],
  ceo: ['ceo', 'chief executive'],
  boss: ['ceo', 'chief executive', 'manager', 'coach', 'head', 'chair', 'director'],
  founder: ['founder'],
  judge: ['judge', 'justice'],
  coach: ['coach', 'manager'],
  manager: ['manager', 'coach'],
  general: ['general', 'commander'],
  commander: ['commander', 'general'],
  ambassador: ['ambassador'],
  envoy: ['envoy', 'ambassador'],
  prosecutor: ['prosecutor', 'attorney'],
  economist: ['economist'],
  analyst: ['analyst'],
  scientist: ['scientist', 'researcher', 'professor'],
  researcher: ['researcher', 'scientist', 'professor'],
  professor: ['professor'],
  director: ['director'],
  chairman: ['chair'],
  chairwoman: ['chair'],
  chair: ['chair'],
  king: ['king'],
  queen: ['queen'],
  pope: ['pope'],
  monarch: ['king', 'queen', 'emperor', 'monarch'],
  candidate: ['candidate', 'nominee'],
  nominee: ['nominee', 'candidate'],
  inspector: ['inspector'],
  detective: ['detective', 'inspector'],
  sheriff: ['sheriff'],
  mp: ['mp'],
  author: ['author', 'writer'],
  'year-old': ['*'],
  billionaire: ['*'],
  star: ['*'],
  veteran: ['*'],
  singer: ['*'],
  actor: ['*'],
  actress: ['*'],
  player: ['*'],
  striker: ['*'],
  midfielder: ['*'],
  defender: ['*'],
  goalkeeper: ['*'],
  champion: ['*'],
  athlete: ['*'],
  entrepreneur: ['*'],
  businessman: ['*'],
  businesswoman: ['*'],
  mogul: ['*'],
  tycoon: ['*'],
  filmmaker: ['*'],
  politician: ['*'],
  democrat: ['*'],
  republican: ['*'],
  conservative: ['*'],
  populist: ['*'],
  incumbent: ['*'],
  challenger: ['*'],
  host: ['*'],
  presenter: ['*'],
  musician: ['*'],
  rapper: ['*'],
  artist: ['*'],
  novelist: ['*'],
  writer: ['*'],
  comedian: ['*'],
};

const FITS = new Map(Object.entries(DESCRIPTION_FITS));

export function descriptionFits(head: string): readonly string[] | undefined {
  return FITS.get(head);
}
