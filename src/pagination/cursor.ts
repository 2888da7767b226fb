// Opaque Relay cursors: the sort-key values of a row, base64url-encoded JSON.
import { BadUserInputError } from "../errors";

export type CursorValue = Array<string | number | null>;

export function encodeCursor(values: CursorValue): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** Decodes a cursor made by `encodeCursor` for a sort with `arity` keys; anything else is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, arity: number, argumentName: string): CursorValue {
  let parsed: unknown;
  try {
    if (cursor.length > 512 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw new Error("shape");
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new BadUserInputError(`${argumentName} is not a cursor this API issued.`, argumentName);
  }
  const ok = Array.isArray(parsed) && parsed.length === arity && parsed.every((v) => v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v)));
  if (!ok) throw new BadUserInputError(`${argumentName} is not a cursor for this list and order.`, argumentName);
  return parsed as CursorValue;
}
