// Plural nouns for groups of speakers ("analysts", "officials") and for the anonymous public whose quotes are reactions, not statements.

/** People speaking as a body: their quotes are attributed to the group. */
const GROUP_NOUNS = new Set([
  'officials', 'analysts', 'experts', 'leaders', 'critics', 'lawmakers', 'legislators', 'senators', 'protesters', 'protestors',
  'demonstrators', 'activists', 'economists', 'scientists', 'researchers', 'doctors', 'nurses', 'investors', 'traders', 'diplomats',
  'observers', 'witnesses', 'teachers', 'workers', 'employees', 'unions', 'democrats', 'republicans', 'allies', 'members',
  'sources', 'authorities', 'police', 'officers', 'prosecutors', 'investigators', 'organisers', 'organizers', 'campaigners',
  'environmentalists', 'advocates', 'opponents', 'supporters', 'ministers', 'governments', 'negotiators', 'strategists',
  'executives', 'bankers', 'regulators', 'lawyers', 'attorneys', 'judges', 'historians', 'academics', 'physicians', 'surgeons',
  'epidemiologists', 'meteorologists', 'forecasters', 'firefighters', 'rescuers', 'soldiers', 'troops', 'commanders', 'generals',
  'players', 'coaches', 'farmers', 'unionists', 'delegates', 'representatives', 'spokespeople', 'aides', 'advisers', 'advisors',
  'insiders', 'conservatives', 'liberals', 'progressives', 'moderates', 'hardliners', 'rebels', 'militants', 'insurgents',
  'scholars', 'engineers', 'economists', 'pollsters', 'bishops', 'clerics', 'monks', 'midwives', 'paramedics', 'pilots', 'miners',
  'strikers', 'mps', 'meps', 'councillors', 'councilors', 'mayors', 'governors', 'chiefs', 'families', 'relatives', 'survivors',
  'victims', 'students', 'parents', 'residents', 'locals', 'voters', 'fans', 'users', 'commenters', 'citizens', 'people',
  'viewers', 'readers', 'listeners', 'followers', 'netizens', 'shoppers', 'commuters', 'passengers', 'customers', 'consumers',
  'neighbours', 'neighbors', 'villagers', 'onlookers', 'bystanders', 'spectators', 'audiences', 'tourists', 'patients',
  'motorists', 'drivers', 'tenants', 'renters', 'homeowners', 'subscribers', 'gamers', 'posters', 'tweeters', 'internet',
]);

/** The anonymous public: a quote from one of them is a reaction. Singular forms included ("one user wrote"). */
const PUBLIC_NOUNS = new Set([
  'user', 'users', 'commenter', 'commenters', 'commentator', 'netizen', 'netizens', 'follower', 'followers', 'viewer', 'viewers',
  'reader', 'readers', 'listener', 'listeners', 'fan', 'fans', 'resident', 'residents', 'local', 'locals', 'neighbour',
  'neighbours', 'neighbor', 'neighbors', 'villager', 'villagers', 'passenger', 'passengers', 'commuter', 'commuters', 'shopper',
  'shoppers', 'customer', 'customers', 'consumer', 'consumers', 'citizen', 'citizens', 'people', 'person', 'voter', 'voters',
  'onlooker', 'onlookers', 'bystander', 'bystanders', 'spectator', 'spectators', 'tourist', 'tourists', 'motorist', 'motorists',
  'subscriber', 'subscribers', 'poster', 'posters', 'tweeter', 'redditor', 'redditors', 'gamer', 'gamers', 'parent', 'parents',
  'tenant', 'tenants', 'renter', 'renters', 'homeowner', 'homeowners', 'post', 'posts', 'comment', 'comments', 'tweet', 'tweets',
  'reply', 'replies', 'review', 'reviews', 'reviewer', 'reviewers', 'someone', 'somebody', 'others', 'account', 'accounts', 'influencer', 'influencers', 'creator', 'creators',
  'traveller', 'travellers', 'traveler', 'travelers', 'supporter', 'supporters', 'student', 'pensioner', 'worker', 'mother',
  'father', 'mum', 'mom', 'dad', 'woman', 'man', 'women', 'men', 'audience', 'crowd', 'public',
]);

/** Quantifier pronouns that stand for people ("some said", "others suggested", "one wrote"). */
const QUANTIFIER_SUBJECTS = new Set(['some', 'others', 'many', 'one', 'another', 'several', 'most', 'few', 'a few', 'both', 'all', 'none', 'plenty']);

export function isGroupNoun(lower: string): boolean {
  return GROUP_NOUNS.has(lower);
}

export function isPublicNoun(lower: string): boolean {
  return PUBLIC_NOUNS.has(lower);
}

export function isQuantifierSubject(lower: string): boolean {
  return QUANTIFIER_SUBJECTS.has(lower);
}

/** Words that say the surrounding talk is the public's ("reactions", "comments", "went viral"). */
const PUBLIC_CONTEXT = new Set([
  'reaction', 'reactions', 'users', 'user', 'commenters', 'comments', 'online', 'viral', 'posts', 'tweets', 'netizens',
  'followers', 'viewers', 'readers', 'social', 'thread', 'replies', 'hashtag', 'trending', 'backlash', 'outrage', 'reacted',
  'subscribers',
]);

export function isPublicContextWord(lower: string): boolean {
  return PUBLIC_CONTEXT.has(lower);
}

/** Public nouns that only exist online: a quote from one is a reaction even without other context. */
const ONLINE_NOUNS = new Set([
  'user', 'users', 'commenter', 'commenters', 'netizen', 'netizens', 'follower', 'followers', 'viewer', 'viewers', 'reader',
  'readers', 'listener', 'listeners', 'poster', 'posters', 'tweeter', 'redditor', 'redditors', 'post', 'posts', 'comment',
  'comments', 'tweet', 'tweets', 'reply', 'replies', 'account', 'accounts', 'subscriber', 'subscribers', 'influencer', 'influencers',
  'review', 'reviews', 'reviewer', 'reviewers',
]);

export function isOnlineNoun(lower: string): boolean {
  return ONLINE_NOUNS.has(lower);
}
