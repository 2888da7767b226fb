// Reads an export's filter from text: a JSON `filter` (the quotes list's QuoteFilterInput) or the same
// fields as separate parameters (HTTP query parameters, command-line options). Every mistake is a coded
// BAD_USER_INPUT naming the parameter.
import { QuoteKind } from "../../entities/quote-kind.enum";
import { SpeakerKind } from "../../entities/speaker-kind.enum";
import { BadUserInputError } from "../errors";
import type { QuoteFilter } from "../quotes/quote.service";

type FieldType = "string" | "date" | "boolean" | "kind" | "speakerKind";

/** The filter fields, as QuoteFilterInput names them, with their types. */
export const FILTER_FIELDS: Readonly<Record<string, FieldType>> = {
  speakerId: "string",
  speakerName: "string",
  articleId: "string",
  search: "string",
  kind: "kind",
  outletId: "string",
  outletSlug: "string",
  topic: "string",
  language: "string",
  speakerKind: "speakerKind",
  hasSpeaker: "boolean",
  publishedAfter: "date",
  publishedBefore: "date",
  from: "date",
  to: "date",
};

function parseValue(name: string, type: FieldType, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  const where = `filter.${name}`;
  switch (type) {
    case "string":
      if (typeof raw !== "string") throw new BadUserInputError(`${where} must be a string.`, where);
      return raw;
    case "boolean":
      if (typeof raw === "boolean") return raw;
      if (raw === "true" || raw === "false") return raw === "true";
      throw new BadUserInputError(`${where} must be true or false.`, where);
    case "date": {
      const d = typeof raw === "string" && raw.trim() ? new Date(raw) : new Date(Number.NaN);
      if (Number.isNaN(d.getTime())) throw new BadUserInputError(`${where} must be a date-time, e.g. 2025-01-31T00:00:00Z.`, where);
      return d;
    }
    case "kind":
    case "speakerKind": {
      const values: string[] = Object.values(type === "kind" ? QuoteKind : SpeakerKind);
      const v = typeof raw === "string" ? raw.trim().toUpperCase() : "";
      if (!values.includes(v)) throw new BadUserInputError(`${where} must be one of ${values.join(", ")}.`, where);
      return v;
    }
  }
}

/** The filter from an object of field values (parsed JSON, or strings from parameters). */
export function filterFromFields(fields: Record<string, unknown>): QuoteFilter {
  const filter: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(fields)) {
    const type = FILTER_FIELDS[name];
    if (!type) throw new BadUserInputError(`filter.${name} is not a quote filter field; use ${Object.keys(FILTER_FIELDS).join(", ")}.`, `filter.${name}`);
    filter[name] = parseValue(name, type, raw);
  }
  return filter as QuoteFilter;
}

/** The filter from a JSON `filter` text and/or separate field parameters (not both for one field). */
export function filterFromParams(json: string | undefined, params: Record<string, string>): QuoteFilter {
  let fromJson: Record<string, unknown> = {};
  if (json !== undefined) {
    try {
      fromJson = JSON.parse(json);
    } catch {
      throw new BadUserInputError("filter is not valid JSON.", "filter");
    }
    if (!fromJson || typeof fromJson !== "object" || Array.isArray(fromJson)) throw new BadUserInputError("filter must be a JSON object.", "filter");
  }
  for (const name of Object.keys(params)) {
    if (name in fromJson) throw new BadUserInputError(`${name} is given both in filter and as a parameter.`, name);
  }
  return filterFromFields({ ...fromJson, ...params });
}
