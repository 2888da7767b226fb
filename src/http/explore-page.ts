// GET /explore: the analysts' page (src/http/explore/): pick a speaker as you type, their timeline as a
// plot (uPlot, served from the installed npm package: no CDN), top outlets, co-quoted speakers, their
// quotes with links, and a button that downloads the export. It uses only the public GraphQL API and
// GET /export/quotes. On outside production; EXPLORE_PAGE=true turns it on there, false off anywhere.
import { readFileSync } from "node:fs";
import type { Express } from "express";
import type { Config } from "../config";
import { projectPath } from "../paths";

const ASSETS: Record<string, { path: string[]; type: string }> = {
  "explore.js": { path: ["src", "http", "explore", "explore.js"], type: "text/javascript; charset=utf-8" },
  "uPlot.iife.min.js": { path: ["node_modules", "uplot", "dist", "uPlot.iife.min.js"], type: "text/javascript; charset=utf-8" },
  "uPlot.min.css": { path: ["node_modules", "uplot", "dist", "uPlot.min.css"], type: "text/css; charset=utf-8" },
};

export function explorePageEnabled(config: Pick<Config, "EXPLORE_PAGE" | "NODE_ENV">): boolean {
  return config.EXPLORE_PAGE ?? config.NODE_ENV !== "production";
}

export function mountExplorePage(app: Express, config: Pick<Config, "EXPLORE_PAGE" | "NODE_ENV">): void {
  if (!explorePageEnabled(config)) return;
  // Read once at start-up: a missing file (uplot not installed) fails the start, not a page view.
  const page = readFileSync(projectPath("src", "http", "explore", "index.html"));
  const assets = new Map(Object.entries(ASSETS).map(([name, a]) => [name, { body: readFileSync(projectPath(...a.path)), type: a.type }]));
  app.get("/explore", (_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-cache");
    res.end(page);
  });
  app.get("/explore/assets/:name", (req, res) => {
    const asset = assets.get(req.params.name);
    if (!asset) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    res.setHeader("Content-Type", asset.type);
    res.setHeader("Cache-Control", "public, max-age=300");
    res.end(asset.body);
  });
}
