// Runs once before all test files: prepares the embedded-database template (not needed against a server).
import "reflect-metadata";
import { writeTemplate } from "./pglite-template";

export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) await writeTemplate();
}
