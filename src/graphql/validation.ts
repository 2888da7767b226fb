// Input validation for type-graphql: class-validator rules on input and args classes, answered as
// BAD_USER_INPUT naming the offending field (e.g. `input.body`) instead of a generic validation error.
import { getMetadataStorage, validate, type ValidationError } from "class-validator";
import type { ValidatorFn } from "type-graphql";
import { BadUserInputError } from "../errors";

function firstProblem(errors: ValidationError[], prefix: string): { path: string; message: string } | null {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      const message = Object.values(e.constraints)[0];
      return { path, message: message.startsWith(e.property) ? `${prefix ? prefix + "." : ""}${message}` : `${path}: ${message}` };
    }
    const nested = firstProblem(e.children ?? [], path);
    if (nested) return nested;
  }
  return null;
}

/** The argument name under which `value` was passed, so messages say `input.body`, not `body`. */
function argumentName(value: object, args: Record<string, unknown>): string {
  const keys = Object.keys(value);
  // An @Args() class is the whole argument object: its fields are top-level arguments.
  if (Object.keys(args).every((k) => keys.includes(k))) return "";
  for (const [name, raw] of Object.entries(args)) {
    if (raw && typeof raw === "object" && !Array.isArray(raw) && Object.keys(raw).every((k) => keys.includes(k))) return name;
  }
  return "";
}

// Whether a class (or a class it extends) carries any class-validator rule, per class. Most argument
// objects have none (the connection arguments `first/after/last/before` of every nested list, asked
// again for every parent row): for them class-validator would find nothing after allocating its
// executor and metadata lists, so they skip it. Decorators run when a class is defined, before any
// instance exists, so the answer cannot change later.
type Constructor = abstract new (...args: never[]) => unknown;
const hasRules = new WeakMap<Constructor, boolean>();
function carriesRules(ctor: Constructor): boolean {
  let known = hasRules.get(ctor);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(ctor, "", true, false).length > 0;
    hasRules.set(ctor, known);
  }
  return known;
}

export const validateInput: ValidatorFn = async (value, _type, data) => {
  if (value === null || typeof value !== "object" || value instanceof Date) return;
  const items = Array.isArray(value) ? value.filter((v) => v && typeof v === "object") : [value];
  for (const item of items) {
    if (!carriesRules(item.constructor as Constructor)) continue;
    const errors = await validate(item, { skipMissingProperties: true, forbidUnknownValues: false });
    const problem = firstProblem(errors, argumentName(item, data.args as Record<string, unknown>));
    if (problem) throw new BadUserInputError(problem.message, problem.path);
  }
};
