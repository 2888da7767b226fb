// Countries, their adjectives and common abbreviations, plus well-known places, so names of places are not taken for people and roles read "President of Russia".

/** country name → adjectives/demonyms used before titles ("Russian President"). */
const COUNTRIES: Record<string, string[]> = {
  Afghanistan: ['Afghan'], Albania: ['Albanian'], Algeria: ['Algerian'], Argentina: ['Argentine', 'Argentinian'],
  Armenia: ['Armenian'], Australia: ['Australian'], Austria: ['Austrian'], Azerbaijan: ['Azerbaijani'], Bahrain: ['Bahraini'],
  Bangladesh: ['Bangladeshi'], Belarus: ['Belarusian'], Belgium: ['Belgian'], Bolivia: ['Bolivian'], Bosnia: ['Bosnian'],
  Brazil: ['Brazilian'], Bulgaria: ['Bulgarian'], Cambodia: ['Cambodian'], Cameroon: ['Cameroonian'], Canada: ['Canadian'],
  Chile: ['Chilean'], China: ['Chinese'], Colombia: ['Colombian'], Croatia: ['Croatian'], Cuba: ['Cuban'], Cyprus: ['Cypriot'],
  'Czech Republic': ['Czech'], Denmark: ['Danish', 'Dane'], Ecuador: ['Ecuadorian'], Egypt: ['Egyptian'], Estonia: ['Estonian'],
  Ethiopia: ['Ethiopian'], Finland: ['Finnish', 'Finn'], France: ['French', 'Frenchman', 'Frenchwoman'], Georgia: ['Georgian'], Germany: ['German'], Ghana: ['Ghanaian'],
  Greece: ['Greek'], Hungary: ['Hungarian'], Iceland: ['Icelandic'], India: ['Indian'], Indonesia: ['Indonesian'], Iran: ['Iranian'],
  Iraq: ['Iraqi'], Ireland: ['Irish', 'Irishman', 'Irishwoman'], Israel: ['Israeli'], Italy: ['Italian'], Japan: ['Japanese'], Jordan: ['Jordanian'],
  Kazakhstan: ['Kazakh'], Kenya: ['Kenyan'], Kuwait: ['Kuwaiti'], Latvia: ['Latvian'], Lebanon: ['Lebanese'], Libya: ['Libyan'],
  Lithuania: ['Lithuanian'], Malaysia: ['Malaysian'], Mexico: ['Mexican'], Moldova: ['Moldovan'], Mongolia: ['Mongolian'],
  Morocco: ['Moroccan'], Myanmar: ['Burmese'], Nepal: ['Nepali', 'Nepalese'], Netherlands: ['Dutch', 'Dutchman', 'Dutchwoman'], 'New Zealand': ['New Zealand', 'New Zealander', 'Kiwi'],
  Nigeria: ['Nigerian'], 'North Korea': ['North Korean'], Norway: ['Norwegian'], Oman: ['Omani'], Pakistan: ['Pakistani'],
  Palestine: ['Palestinian'], Peru: ['Peruvian'], Philippines: ['Philippine', 'Filipino'], Poland: ['Polish', 'Pole'], Portugal: ['Portuguese'],
  Qatar: ['Qatari'], Romania: ['Romanian'], Russia: ['Russian'], Rwanda: ['Rwandan'], 'Saudi Arabia': ['Saudi'], Senegal: ['Senegalese'],
  Serbia: ['Serbian'], Singapore: ['Singaporean'], Slovakia: ['Slovak'], Slovenia: ['Slovenian'], Somalia: ['Somali'],
  'South Africa': ['South African'], 'South Korea': ['South Korean'], Spain: ['Spanish', 'Spaniard'], 'Sri Lanka': ['Sri Lankan'],
  Sudan: ['Sudanese'], Sweden: ['Swedish', 'Swede'], Switzerland: ['Swiss'], Syria: ['Syrian'], Taiwan: ['Taiwanese'], Thailand: ['Thai'],
  Tunisia: ['Tunisian'], Turkey: ['Turkish', 'Turk'], Uganda: ['Ugandan'], Ukraine: ['Ukrainian'], 'United Arab Emirates': ['Emirati'],
  'United Kingdom': ['British', 'Briton', 'Brit', 'UK', 'U.K.'], 'United States': ['American', 'US', 'U.S.', 'U.S.A.', 'USA'], Uruguay: ['Uruguayan'],
  Uzbekistan: ['Uzbek'], Venezuela: ['Venezuelan'], Vietnam: ['Vietnamese'], Yemen: ['Yemeni'], Zambia: ['Zambian'],
  Zimbabwe: ['Zimbabwean'], 'European Union': ['EU', 'E.U.', 'European'], Scotland: ['Scottish', 'Scot', 'Scotsman', 'Scotswoman'], Wales: ['Welsh', 'Welshman', 'Welshwoman'], England: ['English', 'Englishman', 'Englishwoman'],
  Britain: [], Korea: ['Korean'], Gaza: [], Crimea: [], Kosovo: ['Kosovar'], Chechnya: ['Chechen'], Tibet: ['Tibetan'],
};

/** Country names that take "the" in running text ("President of the United States"). */
const WITH_ARTICLE = new Set(['United States', 'United Kingdom', 'Netherlands', 'Philippines', 'Czech Republic', 'United Arab Emirates', 'European Union']);

/** Abbreviations that stand for a country when they are the speaker ("the U.S. said"). */
const COUNTRY_ALIASES: Record<string, string> = {
  'u.s.': 'United States', us: 'United States', usa: 'United States', 'u.s.a.': 'United States', america: 'United States',
  'united states': 'United States', uk: 'United Kingdom', 'u.k.': 'United Kingdom', britain: 'United Kingdom',
  'great britain': 'United Kingdom', 'united kingdom': 'United Kingdom', eu: 'European Union', 'e.u.': 'European Union',
};

const US_STATES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Hawaii', 'Idaho',
  'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota',
  'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'New York',
  'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota',
  'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming',
];

const CITIES = [
  'Moscow', 'Kyiv', 'Kiev', 'Washington', 'London', 'Paris', 'Berlin', 'Beijing', 'Tokyo', 'Brussels', 'Rome', 'Madrid', 'Lisbon',
  'Vienna', 'Warsaw', 'Prague', 'Budapest', 'Athens', 'Ankara', 'Istanbul', 'Tehran', 'Baghdad', 'Damascus', 'Beirut', 'Jerusalem',
  'Tel Aviv', 'Cairo', 'Riyadh', 'Dubai', 'Doha', 'Delhi', 'New Delhi', 'Mumbai', 'Islamabad', 'Kabul', 'Seoul', 'Pyongyang',
  'Taipei', 'Hong Kong', 'Shanghai', 'Singapore', 'Bangkok', 'Jakarta', 'Manila', 'Hanoi', 'Sydney', 'Melbourne', 'Canberra',
  'Ottawa', 'Toronto', 'Montreal', 'Vancouver', 'Mexico City', 'Havana', 'Caracas', 'Bogota', 'Lima', 'Santiago', 'Buenos Aires',
  'Brasilia', 'Sao Paulo', 'Rio de Janeiro', 'Nairobi', 'Lagos', 'Abuja', 'Johannesburg', 'Cape Town', 'Addis Ababa', 'Khartoum',
  'Geneva', 'Zurich', 'Stockholm', 'Oslo', 'Copenhagen', 'Helsinki', 'Dublin', 'Edinburgh', 'Glasgow', 'Manchester', 'Liverpool',
  'Birmingham', 'Amsterdam', 'The Hague', 'Minsk', 'Tbilisi', 'Yerevan', 'Baku', 'Chicago', 'Los Angeles', 'San Francisco',
  'Boston', 'Seattle', 'Miami', 'Houston', 'Dallas', 'Atlanta', 'Philadelphia', 'Pittsburgh', 'Detroit', 'Denver', 'Phoenix',
  'Brooklyn', 'Manhattan', 'Kharkiv', 'Odesa', 'Odessa', 'Lviv', 'Donetsk', 'Luhansk', 'Mariupol', 'Kursk', 'Belgorod',
  'St Petersburg', 'Saint Petersburg', 'Strasbourg', 'Munich', 'Frankfurt', 'Hamburg', 'Milan', 'Naples', 'Barcelona', 'Marseille',
  'Lyon', 'Gaza City', 'Ramallah', 'Mecca', 'Karachi', 'Lahore', 'Dhaka', 'Kathmandu', 'Colombo', 'Wembley', 'Westminster',
  'Brexit', 'Europe', 'Asia', 'Africa', 'Antarctica', 'Arctic', 'Antarctic', 'Latin America', 'Middle East', 'Donbas',
  'Silicon Valley', 'Wall Street',
];

/** Last words that make a capitalised sequence a place ("Elm Street", "Wembley Stadium"). */
const PLACE_HEADS = new Set([
  'street', 'road', 'avenue', 'square', 'park', 'river', 'mountain', 'mountains', 'island', 'islands', 'bay', 'lake', 'valley',
  'station', 'airport', 'stadium', 'bridge', 'region', 'province', 'oblast', 'county', 'district', 'coast', 'sea', 'ocean',
  'strait', 'peninsula', 'desert', 'forest', 'beach', 'harbour', 'harbor', 'lane', 'boulevard', 'arena', 'centre', 'center',
  'plaza', 'gulf', 'canal', 'hill', 'hills', 'heights', 'city', 'town', 'village', 'state', 'territory', 'republic',
]);

const ADJECTIVE_TO_COUNTRY = new Map<string, string>();
const COUNTRY_NAMES = new Set<string>();
for (const [country, adjectives] of Object.entries(COUNTRIES)) {
  COUNTRY_NAMES.add(country.toLowerCase());
  for (const adjective of adjectives) ADJECTIVE_TO_COUNTRY.set(adjective.toLowerCase(), country);
}
const PLACE_NAMES = new Set<string>([...COUNTRY_NAMES, ...US_STATES.map((s) => s.toLowerCase()), ...CITIES.map((c) => c.toLowerCase())]);

/** "Russian" → "Russia", "U.S." → "United States"; undefined for anything else. */
const ALIAS_MAP = new Map(Object.entries(COUNTRY_ALIASES));

export function countryOfAdjective(word: string): string | undefined {
  const lower = word.toLowerCase();
  return ADJECTIVE_TO_COUNTRY.get(lower) ?? ALIAS_MAP.get(lower);
}

/** Lower-case country name, alias or US state → its canonical name. */
const CANONICAL = new Map<string, string>();
for (const country of Object.keys(COUNTRIES)) CANONICAL.set(country.toLowerCase(), country);
for (const [alias, country] of Object.entries(COUNTRY_ALIASES)) CANONICAL.set(alias, country);
for (const state of US_STATES) CANONICAL.set(state.toLowerCase(), state);

/** Canonical country for a name or abbreviation ("the U.S." → "United States"), undefined when not a country. */
export function canonicalCountry(name: string): string | undefined {
  const lower = name.toLowerCase();
  return CANONICAL.get(lower.startsWith('the ') ? lower.slice(4) : lower);
}

/** "United States" → "the United States", for role phrases. */
export function countryInPhrase(country: string): string {
  return WITH_ARTICLE.has(country) ? `the ${country}` : country;
}

/** Whether a lower-case name is a known country, US state, city or region. */
export function isPlaceNameLower(lower: string): boolean {
  return PLACE_NAMES.has(lower) || ALIAS_MAP.has(lower);
}

export function isPlaceHead(lower: string): boolean {
  return PLACE_HEADS.has(lower);
}

/** First words that make a capitalised sequence a place name ("Fort Myers", "Lake Placid", "St Mary"). */
const PLACE_PREFIXES = new Set(['fort', 'mount', 'mt', 'lake', 'port', 'san', 'santa', 'saint', 'st', 'cape', 'glen', 'los', 'las', 'el', 'county', 'lake', 'isle', 'river']);

export function isPlacePrefix(lower: string): boolean {
  return PLACE_PREFIXES.has(lower.replace(/\.$/, ''));
}

