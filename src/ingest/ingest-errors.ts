// Coded errors for bad ingest input, so callers (CLI, HTTP upload) can map them to a stable code instead of an internal error.

export type IngestErrorCode =
  | "UNSUPPORTED_FORMAT"
  | "EMPTY_INPUT"
  | "EMPTY_ARTICLE"
  | "INVALID_JSON"
  | "INVALID_ARTICLE"
  | "INVALID_FEED"
  | "INVALID_HTML"
  | "INVALID_QUOTE"
  | "NOT_TEXT"
  | "ARTICLE_TOO_LARGE"
  /** Over the extraction budget's size (INGEST_MAX_INPUT_BYTES). */
  | "INPUT_TOO_LARGE"
  /** Over the extraction budget's time (INGEST_EXTRACT_TIMEOUT_MS): the worker was stopped. */
  | "EXTRACTION_TIMEOUT"
  /** The extraction worker died (out of memory above all). */
  | "EXTRACTION_FAILED";

export class IngestInputError extends Error {
  override readonly name = "IngestInputError";

  constructor(
    /** Stable machine-readable code; never reworded. */
    readonly code: IngestErrorCode,
    /** Human-readable reason, safe to show to the user who supplied the input. */
    readonly reason: string,
    /** Where in the input the problem is (JSON path, feed item index), when known. */
    readonly path?: string,
  ) {
    super(path ? `${code}: ${reason} (at ${path})` : `${code}: ${reason}`);
  }
}

export function isIngestInputError(value: unknown): value is IngestInputError {
  return value instanceof IngestInputError;
}
