// `newsgraph token --role editor --sub alice`: prints a signed bearer token for local development.
import type { Command } from "commander";
import { loadConfig } from "../config";
import { parseRole, ROLES } from "../auth/roles";
import { signToken } from "../auth/tokens";
import type { Role } from "../auth/identity";

interface TokenOptions {
  role: string[];
  sub: string;
  name?: string;
  ttl?: string;
}

export function registerTokenCommand(program: Command): void {
  program
    .command("token")
    .description("Print a bearer token signed with AUTH_JWT_SECRET, for local development (send it as `Authorization: Bearer <token>`).")
    .option("-r, --role <role...>", `role(s) to grant: ${ROLES.map((r) => r.toLowerCase()).join(", ")}`, ["reader"])
    .requiredOption("-s, --sub <subject>", "the user's stable id (the token's `sub`)")
    .option("-n, --name <name>", "display name (defaults to the subject)")
    .option("--ttl <duration>", "lifetime, e.g. 30m, 12h, 7d (default AUTH_TOKEN_TTL)")
    .action(async (opts: TokenOptions) => {
      const roles: Role[] = [];
      for (const r of opts.role.flatMap((x) => x.split(","))) {
        const role = parseRole(r);
        if (!role) throw new Error(`Unknown role "${r}"; use one of ${ROLES.map((x) => x.toLowerCase()).join(", ")}.`);
        roles.push(role);
      }
      const config = loadConfig();
      if (!config.AUTH_JWT_SECRET) throw new Error("Set AUTH_JWT_SECRET (32+ characters) to sign tokens.");
      const token = await signToken({ ...config, AUTH_TOKEN_TTL: opts.ttl ?? config.AUTH_TOKEN_TTL }, { sub: opts.sub, name: opts.name, roles });
      process.stdout.write(token + "\n");
    });
}
