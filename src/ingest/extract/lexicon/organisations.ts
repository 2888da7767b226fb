// Words that mark a capitalised name as an organisation, and a short list of organisations named by one word, so "Boeing said" is not read as a person.

/** Last or inner words that make a capitalised sequence an organisation ("Defence Ministry", "Harbor Point LLC"). */
const ORG_WORDS = new Set([
  'ministry', 'department', 'commission', 'inc', 'inc.', 'corp', 'corp.', 'corporation', 'llc', 'ltd', 'ltd.', 'plc', 'gmbh', 'ag',
  'co', 'co.', 'company', 'party', 'union', 'bank', 'council', 'agency', 'service', 'services', 'institute', 'institution',
  'university', 'college', 'school', 'hospital', 'association', 'organization', 'organisation', 'committee', 'court', 'office',
  'group', 'foundation', 'fund', 'authority', 'board', 'bureau', 'administration', 'army', 'navy', 'police', 'force', 'forces',
  'guard', 'parliament', 'congress', 'senate', 'assembly', 'federation', 'league', 'club', 'fc', 'network', 'news', 'times',
  'post', 'journal', 'airlines', 'airways', 'motors', 'technologies', 'systems', 'labs', 'studios', 'records', 'pictures',
  'media', 'capital', 'partners', 'holdings', 'industries', 'energy', 'trust', 'alliance', 'coalition', 'movement', 'front',
  'watch', 'society', 'centre', 'center', 'cabinet', 'government', 'kremlin', 'pentagon', 'embassy', 'consulate', 'secretariat',
  'directorate', 'command', 'brigade', 'regiment', 'corps', 'tribunal', 'nations', 'church', 'mission', 'program', 'programme',
  'initiative', 'project', 'campaign', 'lab', 'laboratory', 'observatory', 'museum', 'library', 'gallery', 'magazine', 'radio',
  'television', 'tv', 'press', 'broadcasting', 'exchange', 'reserve', 'treasury', 'house', 'hall', 'team', 'squad', 'united',
  'city', 'rovers', 'wanderers', 'athletic', 'pharmaceuticals', 'therapeutics', 'software', 'semiconductor', 'bancorp', 'insurance',
  'railways', 'railway', 'rail', 'panel', 'forum', 'summit', 'centers', 'centres', 'institutes', 'agencies', 'departments', 'social', 'networks', 'labs', 'conference', 'inquiry', 'institution', 'academy', 'ministries', 'telecom', 'communications', 'electric', 'petroleum', 'oil', 'gas', 'mining', 'motor', 'automotive',
]);

/** Organisations usually written as one word or acronym in copy. */
const KNOWN_ORGS = new Set([
  'kremlin', 'pentagon', 'nato', 'un', 'u.n.', 'eu', 'e.u.', 'imf', 'who', 'wto', 'opec', 'fbi', 'cia', 'nsa', 'fema', 'nasa',
  'cdc', 'fda', 'sec', 'ftc', 'fcc', 'epa', 'doj', 'ecb', 'fed', 'nhs', 'bbc', 'cnn', 'nbc', 'abc', 'cbs', 'fox', 'msnbc', 'npr',
  'reuters', 'ap', 'afp', 'bloomberg', 'interfax', 'tass', 'ria', 'xinhua', 'hamas', 'hezbollah', 'taliban', 'isis', 'amnesty',
  'unicef', 'unesco', 'unhcr', 'oecd', 'asean', 'apec', 'fifa', 'uefa', 'ioc', 'nfl', 'nba', 'mlb', 'nhl', 'boeing', 'airbus',
  'apple', 'google', 'alphabet', 'microsoft', 'amazon', 'meta', 'facebook', 'tesla', 'spacex', 'openai', 'anthropic', 'nvidia',
  'intel', 'amd', 'samsung', 'sony', 'toyota', 'volkswagen', 'bmw', 'mercedes', 'ford', 'gm', 'stellantis', 'nissan', 'honda',
  'shell', 'bp', 'exxon', 'exxonmobil', 'chevron', 'pfizer', 'moderna', 'astrazeneca', 'netflix', 'disney', 'uber', 'lyft',
  'spotify', 'bytedance', 'alibaba', 'tencent', 'huawei', 'xiaomi', 'walmart', 'target', 'costco', 'starbucks', 'mcdonald',
  'ikea', 'nestle', 'unilever', 'siemens', 'ibm', 'oracle', 'salesforce', 'paypal', 'visa', 'mastercard', 'jpmorgan', 'goldman',
  'citigroup', 'hsbc', 'barclays', 'ubs', 'deutsche', 'blackrock', 'vanguard', 'ryanair', 'easyjet', 'lufthansa', 'qantas',
  'gazprom', 'rosneft', 'aramco', 'yandex', 'wagner', 'europol', 'interpol', 'ofcom', 'ofgem', 'ofsted', 'rmt', 'unite', 'gmb',
  'bma', 'tuc', 'cbi', 'congress', 'parliament', 'senate', 'bundestag', 'knesset', 'duma', 'whitehall', 'elysee', 'vatican',
  'greenpeace', 'oxfam', 'idf', 'iaea', 'icc', 'icj', 'nrc', 'mi5', 'mi6', 'gchq', 'scotus', 'x', 'twitter', 'tiktok', 'reddit',
  'youtube', 'instagram', 'linkedin', 'snapchat', 'telegram', 'whatsapp',
]);

/** Expansions for acronyms that read differently from their initials. */
const ORG_CANONICAL: Record<string, string> = {
  'u.n.': 'United Nations', un: 'United Nations', 'e.u.': 'European Union', eu: 'European Union',
};

export function isOrgWord(lower: string): boolean {
  return ORG_WORDS.has(lower);
}

export function isKnownOrg(lower: string): boolean {
  return KNOWN_ORGS.has(lower);
}

const ORG_CANONICAL_MAP = new Map(Object.entries(ORG_CANONICAL));

export function canonicalOrgName(name: string): string {
  return ORG_CANONICAL_MAP.get(name.toLowerCase()) ?? name;
}

/** Nouns that, after "the", refer back to an organisation ("the company said"). */
const ORG_DESCRIPTION_HEADS = new Set([
  'company', 'firm', 'ministry', 'department', 'agency', 'government', 'administration', 'commission', 'council', 'union',
  'organisation', 'organization', 'group', 'bank', 'carmaker', 'automaker', 'airline', 'club', 'team', 'trust', 'authority',
  'regulator', 'watchdog', 'charity', 'university', 'hospital', 'court', 'party', 'campaign', 'office', 'board', 'committee',
  'alliance', 'bloc', 'retailer', 'manufacturer', 'developer', 'insurer', 'lender', 'broadcaster', 'network', 'newspaper',
  'publisher', 'startup', 'start-up', 'giant', 'conglomerate', 'operator', 'service', 'institute', 'foundation', 'body', 'force',
  'military', 'army', 'police', 'kremlin', 'pentagon', 'state', 'country', 'city', 'county', 'school', 'district', 'chain',
  'maker', 'producer', 'platform', 'utility', 'supplier', 'association', 'federation', 'league', 'studio', 'label',
]);

export function isOrgDescriptionHead(lower: string): boolean {
  return ORG_DESCRIPTION_HEADS.has(lower);
}

/** Nouns for documents that "say" things on someone's behalf ("the statement read"). */
const DOCUMENT_HEADS = new Set([
  'statement', 'report', 'letter', 'memo', 'document', 'filing', 'ruling', 'order', 'lawsuit', 'complaint', 'study', 'survey',
  'poll', 'release', 'announcement', 'notice', 'message', 'email', 'note', 'transcript', 'judgment', 'judgement', 'verdict',
  'indictment', 'affidavit', 'communique', 'decree', 'bulletin', 'briefing', 'paper', 'draft', 'proposal', 'text', 'sign',
  'placard', 'banner', 'headline', 'caption', 'website', 'advert', 'advertisement', 'ad', 'label', 'plaque', 'slogan',
]);

export function isDocumentHead(lower: string): boolean {
  return DOCUMENT_HEADS.has(lower);
}
