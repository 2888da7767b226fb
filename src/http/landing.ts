// `GET /` and an offline GraphiQL at `/graphiql`. Apollo Sandbox (at /graphql in a browser) loads from
// Apollo's site and is a dead end offline; GraphiQL here is served from the installed npm packages
// (graphiql, react, react-dom), nothing from a CDN, with the example operations of schema/operations/
// preloaded as tabs and variables that find the seed article.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Express } from "express";
import { projectPath } from "../paths";

/** The files GraphiQL's page loads, by the name it asks for. */
const ASSETS: Record<string, string> = {
  "react.production.min.js": "react/umd/react.production.min.js",
  "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
  "graphiql.min.js": "graphiql/graphiql.min.js",
  "graphiql.min.css": "graphiql/graphiql.min.css",
};

/** Variables that make each example operation answer with data on the seed article. */
const SEED_VARIABLES: Record<string, Record<string, unknown>> = {
  "article-page": { slug: "putin-backs-trumps-ceasefire-proposal-for-ukraine-signals-openness-to-talks" },
  "quote-search": { search: "negotiate OR details" },
  "speaker-profile": { slug: "vladimir-putin" },
  "speaker-quotes": { speakerName: "Vladimir Putin" },
  "moderation-queue": { queue: "PENDING" },
};

interface Tab {
  query: string;
  variables?: string;
}

/** One tab per example operation; read queries first, the front page first of all. */
export function exampleTabs(dir = projectPath("schema", "operations")): Tab[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort();
  const tabs = files.map((f) => {
    const name = f.replace(/\.graphql$/, "");
    const query = readFileSync(join(dir, f), "utf8");
    const vars = SEED_VARIABLES[name];
    return { name, tab: { query, ...(vars ? { variables: JSON.stringify(vars, null, 2) } : {}) } };
  });
  const rank = (n: string, q: string) => (n === "front-page" ? 0 : /^\s*(#.*\n\s*)*query\b/.test(q) ? 1 : 2);
  return tabs.sort((a, b) => rank(a.name, a.tab.query) - rank(b.name, b.tab.query)).map((t) => t.tab);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function graphiqlPage(tabs: Tab[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>newsgraph · GraphiQL</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/assets/react.production.min.js"></script>
<script src="/graphiql/assets/react-dom.production.min.js"></script>
<script src="/graphiql/assets/graphiql.min.js"></script>
<script>
  const tabs = ${scriptJson(tabs)};
  // A JSON POST to the same server; the header satisfies Apollo's CSRF prevention for any method.
  const fetcher = GraphiQL.createFetcher({ url: "/graphql", headers: { "apollo-require-preflight": "true" } });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true, shouldPersistHeaders: false }),
  );
</script>
</body>
</html>
`;
}

function homePage(graphiql: boolean): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>newsgraph</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; } code { background: #f3f3f3; padding: 0 .2em; }</style>
</head>
<body>
<h1>newsgraph</h1>
<p>Who said what, and how the public reacted: a GraphQL API at <code>/graphql</code>.</p>
<ul>
${graphiql ? `<li><a href="/graphiql">GraphiQL</a>: explore and run the example queries (works offline).</li>\n<li><a href="/graphql">Apollo Sandbox</a>: Apollo's explorer (loads from Apollo's site; needs the internet).</li>` : `<li>POST GraphQL requests to <code>/graphql</code> (the explorers are off in production).</li>`}
<li><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a></li>
</ul>
</body>
</html>
`;
}

/** Mounts `/` (always) and, when introspection is on (not in production by default), `/graphiql` with its assets. */
export function mountLandingPages(app: Express, options: { graphiql: boolean }): void {
  const home = homePage(options.graphiql);
  app.get("/", (_req, res) => void res.type("html").send(home));
  if (!options.graphiql) return;
  const page = graphiqlPage(exampleTabs());
  app.get("/graphiql", (_req, res) => void res.type("html").setHeader("cache-control", "no-cache").send(page));
  app.get("/graphiql/assets/:file", (req, res) => {
    const target = ASSETS[req.params.file];
    if (!target) return void res.status(404).type("text").send("not found");
    // The packages export no such subpaths: resolve their package.json and read beside it.
    const [pkg, ...rest] = target.split("/");
    res.sendFile(join(dirname(require.resolve(`${pkg}/package.json`)), ...rest), { maxAge: "1d" });
  });
}
