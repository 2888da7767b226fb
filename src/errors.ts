// The coded errors newsgraph sends to clients. Every user mistake maps to one of these.
import { GraphQLError } from "graphql";

export type ErrorCode = "BAD_USER_INPUT" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "RATE_LIMITED" | "SERVICE_UNAVAILABLE";

export class CodedError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** Invalid arguments or input; `argumentName` names the offending argument or input path. */
export class BadUserInputError extends CodedError {
  constructor(message: string, argumentName?: string) {
    super(message, "BAD_USER_INPUT", argumentName ? { argumentName } : {});
  }
}

export class UnauthenticatedError extends CodedError {
  constructor(message = "You must be signed in to do this.") {
    super(message, "UNAUTHENTICATED");
  }
}

export class ForbiddenError extends CodedError {
  constructor(message = "You are not allowed to do this.") {
    super(message, "FORBIDDEN");
  }
}

export class NotFoundError extends CodedError {
  constructor(what: string, id: string) {
    super(`${what} ${id} was not found.`, "NOT_FOUND", { id });
  }
}

export class ConflictError extends CodedError {
  constructor(message: string) {
    super(message, "CONFLICT");
  }
}

export class RateLimitedError extends CodedError {
  constructor(retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s.`, "RATE_LIMITED", { retryAfter: retryAfterSeconds });
  }
}

export class ServiceUnavailableError extends CodedError {
  /** `extensions.service` names what is away when it is not the database (e.g. `redis`). */
  constructor(message = "The database is not reachable right now; try again shortly.", extensions: { service?: string } = {}) {
    super(message, "SERVICE_UNAVAILABLE", extensions);
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a UUID, the shape of every newsgraph id. */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** Throws BAD_USER_INPUT unless `value` is a UUID; ids are checked before they reach SQL. */
export function assertUuid(value: string, argumentName: string): string {
  if (!isUuid(value)) throw new BadUserInputError(`${argumentName} must be an id (UUID); got "${value.slice(0, 60)}".`, argumentName);
  return value.toLowerCase();
}
