// Verbs (and a few phrases) that introduce or report speech in news prose, by surface form, so attribution can spot them in one lookup.

/** Base verbs with all surface forms a reporter uses. Noun-identical forms ("state", "post", "tweets") are left out on purpose. */
const FORMS: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  add: ['add', 'adds', 'added', 'adding'],
  stress: ['stresses', 'stressed', 'stressing'],
  emphasize: ['emphasize', 'emphasizes', 'emphasized', 'emphasizing', 'emphasise', 'emphasises', 'emphasised', 'emphasising'],
  note: ['noted', 'notes', 'noting'],
  explain: ['explain', 'explains', 'explained', 'explaining'],
  insist: ['insist', 'insists', 'insisted', 'insisting'],
  argue: ['argue', 'argues', 'argued', 'arguing'],
  claim: ['claims', 'claimed', 'claiming'],
  warn: ['warn', 'warns', 'warned', 'warning'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  post: ['posted'],
  tweet: ['tweeted', 'tweeting'],
  declare: ['declare', 'declares', 'declared', 'declaring'],
  announce: ['announce', 'announces', 'announced', 'announcing'],
  state: ['stated', 'stating'],
  assert: ['assert', 'asserts', 'asserted', 'asserting'],
  remark: ['remarked', 'remarking'],
  reply: ['reply', 'replies', 'replied', 'replying'],
  respond: ['responded', 'responding'],
  answer: ['answered'],
  ask: ['ask', 'asks', 'asked', 'asking'],
  continue: ['continued'],
  conclude: ['concluded'],
  recall: ['recalls', 'recalled', 'recalling'],
  admit: ['admit', 'admits', 'admitted', 'admitting'],
  acknowledge: ['acknowledge', 'acknowledges', 'acknowledged', 'acknowledging'],
  concede: ['concede', 'concedes', 'conceded', 'conceding'],
  suggest: ['suggest', 'suggests', 'suggested', 'suggesting'],
  describe: ['describe', 'describes', 'described', 'describing'],
  call: ['call', 'calls', 'called', 'calling'],
  label: ['labelled', 'labeled', 'labelling', 'labeling'],
  dub: ['dubbed', 'dubbing'],
  brand: ['branded', 'branding'],
  term: ['termed'],
  urge: ['urge', 'urges', 'urged', 'urging'],
  vow: ['vow', 'vows', 'vowed', 'vowing'],
  pledge: ['pledge', 'pledged', 'pledging'],
  promise: ['promise', 'promised', 'promising'],
  predict: ['predict', 'predicts', 'predicted', 'predicting'],
  caution: ['cautioned', 'cautioning'],
  complain: ['complain', 'complains', 'complained', 'complaining'],
  lament: ['lamented', 'lamenting'],
  joke: ['joked', 'joking'],
  quip: ['quipped'],
  muse: ['mused'],
  observe: ['observed'],
  maintain: ['maintains', 'maintained'],
  contend: ['contends', 'contended'],
  confirm: ['confirm', 'confirms', 'confirmed', 'confirming'],
  deny: ['denies', 'denied', 'denying'],
  demand: ['demanded', 'demanding'],
  echo: ['echoed', 'echoing'],
  shout: ['shout', 'shouts', 'shouted', 'shouting'],
  yell: ['yelled', 'yelling'],
  scream: ['screamed', 'screaming'],
  whisper: ['whispered'],
  exclaim: ['exclaimed'],
  boast: ['boasted', 'boasting'],
  testify: ['testified', 'testifying'],
  reiterate: ['reiterated', 'reiterating'],
  underscore: ['underscored'],
  recount: ['recounted'],
  comment: ['commented', 'commenting'],
  reveal: ['revealed'],
  counter: ['countered'],
  retort: ['retorted'],
  snap: ['snapped'],
  chant: ['chant', 'chanted', 'chanting'],
  read: ['read', 'reads'],
  accuse: ['accused', 'accusing'],
  criticize: ['criticized', 'criticised', 'criticizing', 'criticising'],
  condemn: ['condemned', 'condemning'],
  slam: ['slammed', 'slamming'],
  blast: ['blasted'],
  attack: ['attacked', 'attacking'],
  denounce: ['denounced', 'denouncing'],
  praise: ['praised', 'praising'],
  hail: ['hailed', 'hailing'],
  welcome: ['welcomed', 'welcoming'],
  rule: ['ruled'],
  express: ['expressed', 'expressing'],
  mention: ['mentioned'],
  agree: ['agreed'],
  thank: ['thanked'],
  dismiss: ['dismissed', 'dismissing'],
  reject: ['rejected', 'rejecting'],
  decry: ['decried', 'decrying'],
  deride: ['derided', 'deriding'],
  characterize: ['characterized', 'characterised', 'characterizing', 'characterising'],
  remind: ['reminded', 'reminding'],
  assure: ['assured', 'assuring'],
  reassure: ['reassured', 'reassuring'],
  inform: ['informed'],
  advise: ['advised', 'advising'],
  allege: ['alleged', 'alleging'],
  apologise: ['apologised', 'apologized', 'apologising', 'apologizing'],
  signal: ['signalled', 'signaled'],
  estimate: ['estimated'],
  wonder: ['wondered'],
  question: ['questioned'],
  plead: ['pleaded', 'pleading'],
  beg: ['begged'],
  scoff: ['scoffed'],
  sigh: ['sighed'],
  laugh: ['laughed'],
  chime: ['chimed'],
};

/** Multi-word cues, matched on lowercase token sequences; the first token is the key. */
export const PHRASE_CUES: readonly (readonly string[])[] = [
  ['according', 'to'],
  ['pointed', 'out'],
  ['points', 'out'],
  ['went', 'on'],
  ['goes', 'on'],
  ['put', 'it'],
  ['puts', 'it'],
  ['summed', 'up'],
];

/** Verbs that only introduce a quote when it is what they describe ("described X as “…”"), not speech on their own. */
const WEAK_BASES = new Set(['describe', 'call', 'label', 'dub', 'brand', 'term', 'accuse', 'criticize', 'condemn', 'slam', 'blast', 'attack', 'denounce', 'praise', 'hail', 'welcome', 'express', 'mention', 'agree', 'thank', 'rule', 'read', 'dismiss', 'reject', 'apologise', 'signal', 'estimate', 'question', 'laugh', 'sigh', 'decry', 'deride', 'characterize', 'promise', 'pledge', 'vow', 'echo', 'demand']);

const FORM_TO_BASE = new Map<string, string>();
for (const [base, forms] of Object.entries(FORMS)) for (const form of forms) FORM_TO_BASE.set(form, base);

/** The base verb for a lowercase surface form, or undefined when it is not a speech cue. */
export function cueBase(lower: string): string | undefined {
  return FORM_TO_BASE.get(lower);
}

export function isWeakCue(base: string): boolean {
  return WEAK_BASES.has(base);
}

/** "-ing" cue forms take their subject from the main clause ("Analysts were unimpressed, calling it …"). */
export function isParticipleCue(lower: string): boolean {
  return lower.endsWith('ing') && FORM_TO_BASE.has(lower);
}

/** Words that may sit between a subject and its cue verb without changing who speaks ("Putin also said", "she had earlier told"). */
export const AUXILIARIES = new Set([
  'has', 'have', 'had', 'was', 'were', 'is', 'are', 'be', 'been', 'being', 'would', 'will', 'could', 'should', 'can', 'may', 'might',
  'must', 'did', 'does', 'do', 'also', 'later', 'then', 'once', 'again', 'further', 'previously', 'earlier', 'recently', 'repeatedly',
  'reportedly', 'allegedly', 'often', 'never', 'always', 'still', 'already', 'just', 'even', 'too', 'first', 'subsequently', 'separately',
  'not', 'quoted', 'as', 'to', 'going',
]);
