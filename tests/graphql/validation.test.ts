// validateInput: class-validator rules answered as BAD_USER_INPUT naming the field; classes without any
// rule skip class-validator, but a class that inherits rules, or an array of ruled inputs, does not.
import "reflect-metadata";
import { MaxLength, Min } from "class-validator";
import type { GraphQLResolveInfo } from "graphql";
import { validateInput } from "../../src/graphql/validation";
import { BadUserInputError } from "../../src/errors";

class NoRules {
  first?: number;
}

class Ruled {
  @MaxLength(5)
  body!: string;
}

class InheritsRules extends Ruled {
  extra?: string;
}

class Page {
  @Min(0)
  first!: number;
}

const call = async (value: object, args: Record<string, unknown>): Promise<void> => validateInput(value, Object, { root: {}, args, context: {}, info: {} as GraphQLResolveInfo });

const make = <T extends object>(cls: new () => T, props: Partial<T>): T => Object.assign(new cls(), props);

test("a class without rules passes whatever it holds", async () => {
  await expect(call(make(NoRules, { first: -1 }), { first: -1 })).resolves.toBeUndefined();
});

test("a class with rules is validated, and the error names the argument and field", async () => {
  const input = make(Ruled, { body: "too long" });
  const err = await call(input, { input: { body: "too long" } }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BadUserInputError);
  expect((err as BadUserInputError).extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.body" });
  await expect(call(make(Ruled, { body: "short" }), { input: { body: "short" } })).resolves.toBeUndefined();
});

test("rules inherited from a parent class apply", async () => {
  const err = await call(make(InheritsRules, { body: "too long" }), { input: { body: "too long" } }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BadUserInputError);
});

test("@Args() classes are validated field by field, and every item of a list", async () => {
  const err = await call(make(Page, { first: -1 }), { first: -1 }).catch((e: unknown) => e);
  expect((err as BadUserInputError).extensions).toMatchObject({ argumentName: "first" });
  const list = [make(Ruled, { body: "ok" }), make(Ruled, { body: "far too long" })];
  await expect(call(list, { items: list })).rejects.toBeInstanceOf(BadUserInputError);
});
