// Cursor encoding and the validation of Relay paging arguments.
import { decodeCursor, encodeCursor } from "../../src/pagination/cursor";
import { pageRequest } from "../../src/pagination/page-request";
import { CodedError } from "../../src/errors";

describe("cursors", () => {
  it("round-trip the sort-key values", () => {
    const values = ["2025-03-13 11:51:00.123456+00", "3f1e7c1a-0000-4000-8000-000000000000", 7, null];
    expect(decodeCursor(encodeCursor(values), 4, "after")).toEqual(values);
  });

  it.each([
    ["", 1],
    ["!!!", 1],
    [encodeCursor(["a"]), 2],
    [Buffer.from('{"a":1}').toString("base64url"), 1],
    ["x".repeat(600), 1],
  ])("refuse %p with BAD_USER_INPUT", (cursor, arity) => {
    expect(() => decodeCursor(cursor as string, arity as number, "after")).toThrow(CodedError);
  });
});

describe("pageRequest", () => {
  it("defaults to the first 20", () => expect(pageRequest({})).toEqual({ limit: 20, backward: false, after: null, before: null }));
  it("pages backward with last", () => expect(pageRequest({ last: 5, before: "c" })).toMatchObject({ limit: 5, backward: true, before: "c" }));
  it("caps the page size at 100", () => {
    expect(pageRequest({ first: 100 }).limit).toBe(100);
    expect(() => pageRequest({ first: 101 })).toThrow(/at most 100/);
  });
  it("refuses first with last", () => expect(() => pageRequest({ first: 1, last: 1 })).toThrow(/either first or last/));
});
