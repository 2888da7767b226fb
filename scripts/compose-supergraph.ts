// `npm run supergraph:compose -- <config.json> <out.graphql>`: the supergraph a router (Hive Gateway,
// Apollo Router) serves, composed with @apollo/composition from a config like deploy/supergraph.json:
// each subgraph's routing URL and where its SDL comes from (a file, or the running service's
// `_service { sdl }`). `${VAR}` in the config is read from the environment.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

export interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file?: string; subgraph_url?: string } }>;
}

function expand(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined) throw new Error(`${name} is not set (the supergraph config uses \${${name}})`);
    return v;
  });
}

async function subgraphSdl(url: string): Promise<string> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ _service { sdl } }" }) });
  const body = (await res.json()) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} did not answer _service { sdl }: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return sdl;
}

/** Composes the supergraph SDL for the config at `path`; throws with composition's errors. */
export async function composeSupergraph(path: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const config = JSON.parse(readFileSync(path, "utf8")) as SupergraphConfig;
  const services = [];
  for (const [name, s] of Object.entries(config.subgraphs)) {
    const url = expand(s.routing_url, env);
    const sdl = s.schema.file ? readFileSync(resolve(dirname(path), expand(s.schema.file, env)), "utf8") : await subgraphSdl(expand(s.schema.subgraph_url ?? url, env));
    services.push({ name, url, typeDefs: parse(sdl) });
  }
  const composed = composeServices(services);
  if (composed.errors?.length || !composed.supergraphSdl) throw new Error(`composition failed:\n${(composed.errors ?? []).map((e) => `  ${e.message}`).join("\n")}`);
  return composed.supergraphSdl;
}

if (require.main === module) {
  const [configPath, out] = process.argv.slice(2);
  if (!configPath || !out) {
    console.error("usage: npm run supergraph:compose -- <config.json> <out.graphql>");
    process.exit(2);
  }
  composeSupergraph(configPath).then(
    (sdl) => {
      writeFileSync(out, sdl);
      console.log(`wrote ${out}`);
    },
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
