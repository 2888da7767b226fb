// A fresh database for one test file: a new database on the server named by DATABASE_URL, or a new
// embedded one. Closing it drops everything it made.
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { openDatabase, type Database } from "../../src/db/database";
import { readTemplate } from "./pglite-template";

export interface TestDatabase extends Database {
  /** The URL of the test database on a real server; undefined when embedded. */
  url?: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ embedded: { loadDataDir: readTemplate() } });
    return db;
  }
  const name = `ng_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 5 });
  return {
    ...db,
    url: url.toString(),
    async close() {
      await db.close();
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
