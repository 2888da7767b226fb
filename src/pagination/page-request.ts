// Turns Relay arguments (first/after/last/before) into a validated page request.
import { BadUserInputError } from "../errors";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgsLike {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageRequest {
  /** Rows wanted on the page. */
  limit: number;
  /** `backward` when paging with last/before: rows are fetched in reverse and flipped back. */
  backward: boolean;
  after: string | null;
  before: string | null;
}

function checkSize(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new BadUserInputError(`${name} must be a whole number from 0 to ${MAX_PAGE_SIZE}.`, name);
  if (value > MAX_PAGE_SIZE) throw new BadUserInputError(`${name} may be at most ${MAX_PAGE_SIZE}; got ${value}. Page through larger lists with after/before.`, name);
  return value;
}

export function pageRequest(args: ConnectionArgsLike, defaultSize = DEFAULT_PAGE_SIZE): PageRequest {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (first !== null && last !== null) throw new BadUserInputError("Pass either first or last, not both.", "last");
  if (last !== null || (first === null && args.before != null && args.after == null)) {
    return { limit: last === null ? defaultSize : checkSize(last, "last"), backward: true, after: args.after ?? null, before: args.before ?? null };
  }
  return { limit: first === null ? defaultSize : checkSize(first, "first"), backward: false, after: args.after ?? null, before: args.before ?? null };
}

/** A stable string for a set of arguments, to key per-arguments loaders. */
export function argsKey(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Date ? v.toISOString() : v));
}
