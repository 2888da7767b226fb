// Parses the dates news pages print ("13 March 2025 at 11:51", "Thu, 13 Mar 2025 11:51:00 GMT", ISO 8601); no zone means UTC.

const MONTHS: Record<string, number> = {
  jan: 0,
  january: 0,
  feb: 1,
  february: 1,
  mar: 2,
  march: 2,
  apr: 3,
  april: 3,
  may: 4,
  jun: 5,
  june: 5,
  jul: 6,
  july: 6,
  aug: 7,
  august: 7,
  sep: 8,
  sept: 8,
  september: 8,
  oct: 9,
  october: 9,
  nov: 10,
  november: 10,
  dec: 11,
  december: 11,
};

/** Offsets in minutes east of UTC for zone abbreviations news sites print. */
const ZONES: Record<string, number> = {
  z: 0,
  utc: 0,
  gmt: 0,
  bst: 60,
  ist: 330,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  wet: 0,
  west: 60,
  msk: 180,
  est: -300,
  edt: -240,
  et: -300,
  cst: -360,
  cdt: -300,
  ct: -360,
  mst: -420,
  mdt: -360,
  mt: -420,
  pst: -480,
  pdt: -420,
  pt: -480,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

const MONTH_NAMES = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const TIME = String.raw`(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?`;
const ZONE = String.raw`(?:\s*\(?\s*((?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}\b))?`;

// "13 March 2025 at 11:51", "Thursday, 13 Mar 2025 11:51:00 GMT"
const DAY_MONTH_YEAR = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAMES})\.?,?\s+(\d{4})(?:,?\s*(?:at\s+)?${TIME}${ZONE})?`, "i");
// "March 13, 2025 11:51 AM ET"
const MONTH_DAY_YEAR = new RegExp(String.raw`\b(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s*(?:at\s+|-\s*)?${TIME}${ZONE})?`, "i");
// "2025-03-13", "2025-03-13 11:51", "2025-03-13T11:51:00+03:00"
const ISO_LIKE = /\b(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;

/** Minutes east of UTC for "GMT", "UTC+2", "+03:00", "-0500"; 0 when absent or unknown. */
function zoneOffset(zone: string | undefined): number {
  if (!zone) return 0;
  const m = /([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === "-" ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()] ?? 0;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month, day, hour, minute, second) - offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date;
}

function hour24(hour: string | undefined, meridiem: string | undefined): number {
  let h = Number(hour ?? 0);
  const m = meridiem?.toLowerCase().replace(/\./g, "");
  if (m === "pm" && h < 12) h += 12;
  if (m === "am" && h === 12) h = 0;
  return h;
}

/** A Date from the first date found in the text, or null. Dates without a time are midnight UTC. */
export function parseDateText(text: string): Date | null {
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const zone = iso[7];
    const offset = !zone || zone.toUpperCase() === "Z" ? 0 : zoneOffset(zone);
    return build(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0), offset);
  }
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const month = MONTHS[(dmy[2] as string).toLowerCase().replace(/\.$/, "")] ?? -1;
    return build(Number(dmy[3]), month, Number(dmy[1]), hour24(dmy[4], dmy[7]), Number(dmy[5] ?? 0), Number(dmy[6] ?? 0), zoneOffset(dmy[8]));
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) {
    const month = MONTHS[(mdy[1] as string).toLowerCase().replace(/\.$/, "")] ?? -1;
    return build(Number(mdy[3]), month, Number(mdy[2]), hour24(mdy[4], mdy[7]), Number(mdy[5] ?? 0), Number(mdy[6] ?? 0), zoneOffset(mdy[8]));
  }
  return null;
}

/** Strict variant for machine-readable fields (feeds, meta tags): falls back to Date.parse for RFC 822 and similar. */
export function parseDateField(value: string | null | undefined): Date | null {
  if (!value) return null;
  const text = value.trim();
  if (!text) return null;
  const parsed = parseDateText(text);
  if (parsed) return parsed;
  const fallback = Date.parse(text);
  return Number.isNaN(fallback) ? null : new Date(fallback);
}
