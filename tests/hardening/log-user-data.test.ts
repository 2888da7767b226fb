// Failed SQL is logged without its parameters (issue 17, finding 11): they can hold comment bodies and
// other user text. The process logger's error serializer drops them, and PostgreSQL's `detail`.
import { Writable } from "node:stream";
import { createLogger } from "../../src/logger";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

it("logs a failed statement's error without its bound parameters", async () => {
  const lines: string[] = [];
  const logger = createLogger("info", "json", new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const secret = `secret comment body ${Date.now()}`;
  const err = await db.dataSource.query(`INSERT INTO no_such_table_17 (body) VALUES ($1)`, [secret]).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ parameters: [secret] }); // TypeORM keeps them on the error
  logger.child({ requestId: "r1" }).error({ err }, "unexpected error");
  expect(lines).toHaveLength(1);
  const entry = JSON.parse(lines[0]!);
  expect(entry.err.message).toMatch(/no_such_table_17/);
  expect(lines[0]).not.toContain(secret);
  expect(entry.err.parameters).toBeUndefined();
});
