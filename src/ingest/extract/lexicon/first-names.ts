// Common given names (English and names frequent in international news) with a likely gender, so "he"/"she" can skip the wrong person.
import type { Gender } from "./titles";

const MALE = `
aaron abdul abdullah abu adam adrian ahmed ahmad ali alan albert alex alexander alexei alexey alfred ali amir amit andre andrei
andrew andrii andriy andy angus anthony antonio antony ariel arnold arthur ashraf barack barry ben benjamin benny bernard bernie
bill billy bob bobby boris brad bradley brandon brendan brian bruce bryan carl carlos charles charlie chris christian christopher
chuck claude colin connor craig dan daniel danny darren dave david dean dennis derek dmitry dmitri donald doug douglas duncan
dwayne eddie edward elon emmanuel enrique eric erik ernest evan fabian felipe fernando francis francisco frank franz fred
friedrich gary gavin geoffrey george gerald gerhard giuseppe gordon graham greg gregory guy hakan hamid hans harold harry
hassan henry howard hugh hugo ian igor imran ivan jack jacob jake james jamie jan jared jason javier jay jean jeff jeffrey jens
jeremy jerome jim jimmy joe joel johan john johnny jon jonathan jordan jorge jose joseph josh joshua juan julian justin karl keir
keith kevan kevin khalid kim kirk kurt lars lee leo leon leonard liam lloyd louis luca lucas luis luke malcolm marc marco marcus
mario mark martin matt matthew max maxim michael micheal miguel mike mikel mikhail mitch mitt mohamed mohammad mohammed muhammad
narendra nathan neil nicholas nick nicolas nigel noah olaf oleg oliver omar oscar owen pablo patrick paul pedro pep pete peter
phil philip pierre rafael ralph ramzan ray raymond recep reza richard rick rishi rob robert roberto rodrigo roger roman ron ronald
ross roy rudy russell ryan salman sam samuel scott sean sebastian sergei sergey simon stefan stephen steve steven stuart ted
terry theo thomas tim timothy todd tom tommy tony travis tucker viktor vince vincent vitali vladimir volodymyr walter wayne wes
william xavier yair yevgeny yuri zach zachary joaquin kamal amos ehud naftali benny bashar hosni abdel fumio shinzo yoshihide
jair luiz inacio andres manuel gustavo javier alberto pedro mateusz donald andrzej kyriakos nikos alexis emmanuel francois
jacques nicolas gabriel jordan bart mark stefan ulf jonas anders magnus kais moussa cyril bola paul uhuru
william jim chris
`;

const FEMALE = `
abigail ada adele agnes aileen alexandra alice alicia alison amanda amber amelia amy ana anastasia andrea angela angelina anita
ann anna anne annalena annette antonia april ashley audrey barbara beatrice bella beth betty beverly bianca brenda bridget
brittany camilla candace cara carla carmen carol caroline carolyn catherine cathy cecilia charlotte chelsea cheryl chloe christina
christine cindy claire clara claudia coco colleen cynthia dana daniela danielle deborah debbie deanne denise diana diane donna
doris dorothy edith elena eleanor elisabeth elise eliza elizabeth ella ellen elsa emily emma erica erin esther eva evelyn faith
fatima fiona frances francesca gabriela gabrielle gail georgia gillian gina giorgia gloria grace greta gwen hannah harriet
heather heidi helen helena hillary holly ida ilhan ingrid irene iris isabel isabella ivanka jacinda jackie jacqueline jane janet
janice jasmine jean jeanne jennifer jenny jessica jill joan joanna jodie josephine joy judith judy julia julie june justine
kaja kamala karen karin kate katherine kathleen kathryn kathy katie katrin katharine kay kelly kemi keiko kim kimberly kirsten
kristi kristin kristina kristen laura lauren leah leila lena liliana linda lisa liz liza lorraine louise lucia lucy lydia lynn
madeleine maggie maia margaret margarita margot maria marie marina marine marion marjorie martha mary maxine megan melania
melanie melinda melissa mia michaela michelle mila mirjana miriam molly monica nadia nancy naomi natalia natalie nicola nicole
nikki nina nora olena olga olivia paige pamela patricia paula pauline penny petra philippa phyllis priya priti rachel rebecca
renee rita roberta rosa rosalind rose ruth sabrina sally samantha sandra sara sarah shabana sharon sheila shirley sofia sonia
sophia sophie stacey stella stephanie sue susan suzanne svetlana sylvia tamara tammy tanya tara teresa theresa tina tracy
tulsi ursula valerie vanessa vera veronica victoria viktoria violet virginia wendy whitney yolanda yulia yvette yvonne zoe
liz ruth marjorie nancy kristi tulsi elise alexandria kathy gretchen mette sanna ulrike yoshiko yuriko
`;

const NAMES = new Map<string, Gender | null>();
for (const name of MALE.split(/\s+/)) if (name) NAMES.set(name, "m");
for (const name of FEMALE.split(/\s+/)) {
  if (!name) continue;
  // Names given to both (Jean, Kim, Jordan) carry no gender.
  NAMES.set(name, NAMES.has(name) && NAMES.get(name) !== "f" ? null : "f");
}

export function isKnownFirstName(word: string): boolean {
  return NAMES.has(word.toLowerCase());
}

/** 'm', 'f', or null when unknown or used for both. */
export function firstNameGender(word: string): Gender | null {
  return NAMES.get(word.toLowerCase()) ?? null;
}
