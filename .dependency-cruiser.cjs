// The import rules of newsgraph, checked by `npm run check:deps` (dependency-cruiser) in CI.
// Dependencies point one way: http → graphql (context, schema, resolvers, planner) → services/loaders
// → db, with identity (src/auth) below the services. See docs/architecture.md.
// Type-only imports count too (tsPreCompilationDeps): a cycle through types is still a design cycle.

/** The domain: services, loaders and what they are built from. None of it knows about GraphQL or HTTP. */
const DOMAIN = "^src/(articles|comments|editorial|moderation|outlets|quotes|reactions|speakers|search|ingest|pagination|text|rate-limit|redis|loaders|auth|db)(/|$)";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import circle is a design bug: find the piece both sides need and move it below them.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "auth-is-identity",
      comment: "src/auth (Role, Viewer, Actor, visibility) sits below everything: it imports only errors and config.",
      severity: "error",
      from: { path: "^src/auth/" },
      to: { path: "^(src|resolvers|entities)/", pathNot: "^src/(auth/|errors\\.ts$|config\\.ts$)" },
    },
    {
      name: "domain-not-graphql-or-http",
      comment: "Services, loaders, auth and db never import the GraphQL or HTTP layers (or the resolvers).",
      severity: "error",
      from: { path: DOMAIN },
      to: { path: "^(src/(graphql|http|planner|federation)/|resolvers/)" },
    },
    {
      name: "db-below-domain",
      comment:
        "src/db (connection, migrations, statements, replica routing) sits under the services and ingest; beside it only the Redis client (infrastructure too: replicas keep viewers' write positions there).",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/", pathNot: "^src/(db/|redis/redis-client\\.ts$|errors\\.ts$|config\\.ts$|logger\\.ts$|paths\\.ts$|sql-params\\.ts$)" },
    },
    {
      name: "src-not-tooling",
      comment: "src/ holds what the server and CLI run; it never imports tests, benchmarks or scripts.",
      severity: "error",
      // hostile-requests.ts is test tooling itself and is on its way out of src/ (issue 15, another branch).
      from: { path: "^(src|resolvers|entities)/", pathNot: "^src/hardening/hostile-requests\\.ts$" },
      to: { path: "^(tests|bench|scripts)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
