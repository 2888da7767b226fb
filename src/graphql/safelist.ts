// Safelist mode (SAFELIST=true): only the operations of the manifest (the `.graphql` files of SAFELIST_DIR) run.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, parse, print, type DocumentNode } from "graphql";
import { projectPath } from "../paths";
import { NOT_SAFELISTED_CODE } from "./operation-limits";

/** Normalised text of a document (whitespace and comments do not matter), hashed. */
export function documentHash(document: DocumentNode): string {
  return createHash("sha256").update(print(document)).digest("hex");
}

/** The safelist manifest: the hashes of every operation in the `.graphql` files of `dir`. */
export function loadSafelist(dir: string): Map<string, string> {
  const folder = isAbsolute(dir) ? dir : projectPath(dir);
  const hashes = new Map<string, string>();
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith(".graphql"))
    .sort()) {
    const doc = parse(readFileSync(join(folder, file), "utf8"));
    hashes.set(documentHash(doc), file);
    // Each operation alone too, for clients that send one operation per document.
    const fragments = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    for (const def of doc.definitions) {
      if (def.kind === Kind.OPERATION_DEFINITION) hashes.set(documentHash({ kind: Kind.DOCUMENT, definitions: [def, ...fragments] }), file);
    }
  }
  return hashes;
}

/** Safelist mode: only documents of the manifest run. */
export function safelistPlugin(hashes: Map<string, string>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }) {
          if (!hashes.has(documentHash(document))) {
            throw new GraphQLError("This server only runs its published operations (safelist mode).", {
              extensions: { code: NOT_SAFELISTED_CODE, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
