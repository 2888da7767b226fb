// The rules every comment body follows: Unicode NFC, trimmed, 1 to 5,000 characters, no control
// characters. The text is stored as given (plain text): nothing is parsed as markup, now or later.
import { BadUserInputError } from "../errors";

export const MAX_COMMENT_LENGTH = 5000;

// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides that can make
// text read differently from how it is stored.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** The clean body, or BAD_USER_INPUT naming `field`. Line breaks are kept (CRLF becomes LF). */
export function cleanCommentBody(raw: string, field = "input.body"): string {
  const text = raw.normalize("NFC").replace(/\r\n?/g, "\n");
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    throw new BadUserInputError(`${field} must not contain control characters (found U+${code}).`, field);
  }
  const trimmed = text.trim();
  if (!trimmed) throw new BadUserInputError(`${field} must not be empty.`, field);
  const length = [...trimmed].length;
  if (length > MAX_COMMENT_LENGTH) throw new BadUserInputError(`${field} may be at most ${MAX_COMMENT_LENGTH} characters; got ${length}.`, field);
  return trimmed;
}
