// Health endpoints: /healthz answers 200 while the database answers.
import type { Express } from "express";
import type { Database } from "../db/database";

export function mountHealth(app: Express, db: Database): void {
  app.get("/healthz", async (_req, res) => {
    try {
      await db.dataSource.query("SELECT 1");
      res.status(200).json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable", reason: "database" });
    }
  });
}
