// A generator of hostile and malformed HTTP requests for /graphql, and the check every answer must
// pass. Used by tests/hardening/hostile-input.test.ts (≥ 1,000 requests) and `npm run soak` (50,000).
//
// The requests are driven by the schema: every argument and input field of every query and mutation
// gets SQL and JSON injection strings, wrong types, huge values, control characters and forged
// cursors/ids, so fields added later are covered without touching this file. Around them: broken
// documents, deep nesting, alias/directive/fragment floods, invalid UTF-8, wrong content types,
// batches, oversized bodies.
//
// Deterministic for a given seed, so a failure can be replayed.
import { Random } from "../../bench/corpus/random";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isLeafType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLScalarType,
  type GraphQLSchema,
} from "graphql";

export interface HostileRequest {
  /** What kind of abuse this is (for reports). */
  kind: string;
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** Path and query string, e.g. `/graphql?query=...`. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface HostileResponse {
  status: number;
  contentType: string;
  body: string;
}

// ---------------------------------------------------------------------------------------------
// Values

/** SQL injection strings, aimed at string concatenation, LIKE patterns, full-text queries and casts. */
export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE article; --",
  '"; DROP TABLE quote; --',
  "1; SELECT pg_sleep(10)",
  "' UNION SELECT password FROM pg_shadow --",
  "%' AND 1=0 UNION SELECT NULL,NULL--",
  "\\'; SELECT 1; --",
  "$$; SELECT 1; $$",
  "' || (SELECT version()) || '",
  "%_%",
  "\\",
  "''''''''''",
  "!!(&|:*<->)",
  "a & | ! ( ) :* <-> b",
  "E'\\x00'",
  "1::regclass",
  "${jndi:ldap://x/a}",
  "{{7*7}}",
  "<script>alert(1)</script>",
];

/** JSON-shaped strings and structure tricks. */
export const JSON_INJECTIONS = ['{"$gt": ""}', '{"__proto__": {"admin": true}}', '"}, "admin": true, "x": {"', "[]", "null", '{"a":', "\u0000{}"];

/** Control characters, odd Unicode and encodings. */
export const WEIRD_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u0003\u001b[31m",
  "\r\n\r\nX-Injected: 1",
  "\ud800",
  "\udfff\ud800",
  "\ufeff",
  "\u202e\u202d",
  "𝕳𝖊𝖑𝖑𝖔 🧨",
  "Z̷̡̢̛a̵l̸g̵o̸",
  "%00",
  "%c0%af",
  "..%2f..%2f..%2fetc%2fpasswd",
  "../../../../etc/passwd",
];

/** Forged ids and cursors. */
export const FORGED_IDS = [
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "not-a-uuid",
  "1",
  "-1",
  "' OR 1=1 --",
  "QXJ0aWNsZTox",
  Buffer.from('{"id":"1","v":"x"}').toString("base64"),
  Buffer.from('{"k":["\' OR 1=1 --"]}').toString("base64url"),
  Buffer.from("[1,2,3]").toString("base64url"),
  Buffer.from('{"__proto__":{"x":1}}').toString("base64url"),
  Buffer.from(JSON.stringify({ after: "9999-12-31", id: "x' --" })).toString("base64"),
  "====",
  "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
  "a".repeat(5000),
];

const HOSTILE_INTS: unknown[] = [-1, 0, 101, 2147483647, 2147483648, -2147483649, 1e20, 1.5, "10", null, true, [], {}];
const HOSTILE_FLOATS: unknown[] = [Number.MAX_VALUE, -0, 1e308, "NaN", "Infinity", null, [], {}];
const HOSTILE_DATES: unknown[] = ["2024-13-45T99:99:99Z", "0000-00-00", "9999999-01-01T00:00:00Z", "yesterday", "2024-01-01'; --", 1e15, -1, "", null];

/** A seeded PRNG (the corpus generator's mulberry32): the same seed gives the same requests. */
export function prng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

class Picker {
  constructor(readonly random: () => number) {}
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

function hostileString(p: Picker): string {
  const r = p.int(10);
  if (r < 4) return p.pick(SQL_INJECTIONS);
  if (r < 5) return p.pick(JSON_INJECTIONS);
  if (r < 7) return p.pick(WEIRD_STRINGS);
  if (r < 8) return p.pick(FORGED_IDS);
  if (r < 9) return p.pick(SQL_INJECTIONS) + p.pick(WEIRD_STRINGS);
  // Huge strings: up to ~200 KB (under the body limit), sometimes of injection text.
  const unit = p.chance(0.5) ? "x" : p.pick(SQL_INJECTIONS);
  return unit.repeat(Math.ceil((p.chance(0.3) ? 100_000 : 2_000) / unit.length));
}

/** A value for `type`: mostly plausible, with hostile values where `hostile` says so. */
function inputValue(type: GraphQLInputType, p: Picker, hostile: boolean, depth = 0): unknown {
  if (isNonNullType(type)) return inputValue(type.ofType, p, hostile, depth);
  if (isListType(type)) {
    if (hostile && p.chance(0.1)) return hostileString(p);
    const n = hostile && p.chance(0.2) ? 50 + p.int(200) : 1 + p.int(2);
    return Array.from({ length: n }, () => inputValue(type.ofType, p, hostile, depth + 1));
  }
  if (isInputObjectType(type)) {
    if (hostile && p.chance(0.1)) return p.pick([null, "x", 1, [], { unknownField: 1 }]);
    const out: Record<string, unknown> = {};
    if (depth > 4) return out;
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) || p.chance(0.6)) out[f.name] = inputValue(f.type, p, hostile && p.chance(0.7), depth + 1);
    }
    return out;
  }
  if (isEnumType(type)) {
    if (hostile && p.chance(0.5)) return p.pick(["NOT_A_VALUE", "' OR 1=1 --", "", 1, null, type.getValues()[0]?.name.toLowerCase()]);
    return p.pick(type.getValues()).name;
  }
  const scalar = type as GraphQLScalarType;
  switch (scalar.name) {
    case "Int":
      return hostile ? p.pick(HOSTILE_INTS) : 1 + p.int(20);
    case "Float":
      return hostile ? p.pick(HOSTILE_FLOATS) : p.random();
    case "Boolean":
      return hostile ? p.pick(["true", 1, null, "yes", []]) : p.chance(0.5);
    case "ID":
      return hostile ? (p.chance(0.7) ? p.pick(FORGED_IDS) : hostileString(p)) : p.pick(FORGED_IDS.slice(0, 2));
    case "String":
      return hostile ? hostileString(p) : "news";
    default:
      if (/date|time/i.test(scalar.name)) return hostile ? p.pick(HOSTILE_DATES) : "2024-01-01T00:00:00.000Z";
      return hostile ? p.pick([hostileString(p), 1, null, {}, []]) : "x";
  }
}

/** The value as a GraphQL literal (JSON strings are valid GraphQL strings; enums are bare). */
function literal(type: GraphQLInputType, value: unknown): string {
  if (value === null || value === undefined) return "null";
  const named = getNamedType(type);
  if (isNonNullType(type)) return literal(type.ofType, value);
  if (isListType(type) && Array.isArray(value)) return `[${value.map((v) => literal(type.ofType, v)).join(", ")}]`;
  if (isInputObjectType(named) && typeof value === "object" && !Array.isArray(value)) {
    const fields = named.getFields();
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${fields[k] ? literal(fields[k].type, v) : JSON.stringify(v)}`)
      .join(", ")}}`;
  }
  if (isEnumType(named) && typeof value === "string" && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === "object") return JSON.stringify(JSON.stringify(value));
  if (typeof value === "number" && !Number.isFinite(value)) return "0";
  return JSON.stringify(value);
}

/** A small selection for `type`: __typename and a few scalar fields, and the nodes of a connection. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return "";
  if (!isObjectType(named) && !isInterfaceType(named)) return "{ __typename }";
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
  const parts = [
    "__typename",
    ...fields
      .filter((f) => isLeafType(getNamedType(f.type)))
      .slice(0, 4)
      .map((f) => f.name),
  ];
  const edges = fields.find((f) => f.name === "edges");
  const edge = edges ? getNamedType(edges.type) : undefined;
  if (depth < 2 && edge && isObjectType(edge) && edge.getFields().node) parts.push(`edges { node ${selection(edge.getFields().node.type, depth + 1)} }`);
  return `{ ${parts.join(" ")} }`;
}

function argumentTypeName(arg: GraphQLArgument): string {
  return String(arg.type);
}

/** An operation on root field `field`, with hostile values in its arguments, as literals or variables. */
function fieldOperation(opType: "query" | "mutation", field: GraphQLField<unknown, unknown>, p: Picker): { query: string; variables?: Record<string, unknown> } {
  const useVariables = p.chance(0.5);
  const target = field.args.length ? p.pick(field.args).name : undefined;
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    const hostile = arg.name === target || p.chance(0.2);
    if (!isNonNullType(arg.type) && !hostile && p.chance(0.5)) continue;
    const value = inputValue(arg.type, p, hostile);
    if (useVariables) {
      defs.push(`$${arg.name}: ${argumentTypeName(arg)}`);
      args.push(`${arg.name}: $${arg.name}`);
      variables[arg.name] = value;
    } else {
      args.push(`${arg.name}: ${literal(arg.type, value)}`);
    }
  }
  const name = p.chance(0.8) ? ` Hostile${field.name[0].toUpperCase()}${field.name.slice(1)}` : "";
  const head = `${opType}${name}${defs.length ? `(${defs.join(", ")})` : ""}`;
  const query = `${head} { ${field.name}${args.length ? `(${args.join(", ")})` : ""} ${selection(field.type)} }`;
  return useVariables ? { query, variables } : { query };
}

// ---------------------------------------------------------------------------------------------
// Documents that are broken or abusive regardless of the schema

function deepQuery(depth: number): string {
  let s = "__typename";
  for (let i = 0; i < depth; i++) s = i % 2 ? `speaker { quotes { edges { node { ${s} } } } }` : `article { quotes { edges { node { ${s} } } } }`;
  return `{ quotes { edges { node { ${s} } } } }`;
}

function brokenDocument(p: Picker, valid: string[]): string {
  const base = p.pick(valid);
  switch (p.int(9)) {
    case 0:
      return base.slice(0, p.int(base.length)); // truncated
    case 1:
      return base.replace(/[{}]/, ""); // unbalanced
    case 2:
      return "{".repeat(1 + p.int(5000));
    case 3:
      return Array.from({ length: 200 }, () => p.pick(["{", "}", "(", ")", ":", "$", "@", "...", "#", '"', "\\", "!", "[", "]", "=", "|"])).join("");
    case 4:
      return `query Q { ${"a: __typename ".repeat(1 + p.int(3000))} }`; // alias flood
    case 5:
      return `{ __typename ${"@include(if: true) ".repeat(1 + p.int(1000))} }`; // directive flood
    case 6:
      return "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }"; // fragment cycle
    case 7: {
      // Fragment bomb: each fragment spreads the previous one ten times.
      const frags = ["fragment F0 on Query { __typename }"];
      for (let i = 1; i < 12; i++) frags.push(`fragment F${i} on Query { ${`...F${i - 1} `.repeat(10)}}`);
      return `{ ...F11 } ${frags.join(" ")}`;
    }
    default:
      return deepQuery(5 + p.int(200));
  }
}

// ---------------------------------------------------------------------------------------------
// The generator

export interface HostileOptions {
  schema: GraphQLSchema;
  /** How many requests. */
  count: number;
  seed?: number;
  /** Header sets to choose from per request (e.g. none, an admin key, a reader token): reaches code behind auth. */
  identities?: Array<Record<string, string>>;
  /** Valid documents to mutate (schema/operations/). */
  validDocuments?: string[];
}

const JSON_HEADERS = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };

export function* hostileRequests(options: HostileOptions): Generator<HostileRequest> {
  const p = new Picker(prng(options.seed ?? 1));
  const identities = options.identities?.length ? options.identities : [{}];
  const valid = options.validDocuments?.length ? options.validDocuments : ["{ __typename }"];
  const roots: Array<["query" | "mutation", GraphQLField<unknown, unknown>]> = [];
  for (const f of Object.values(options.schema.getQueryType()?.getFields() ?? {})) roots.push(["query", f]);
  for (const f of Object.values(options.schema.getMutationType()?.getFields() ?? {})) roots.push(["mutation", f]);
  const post = (kind: string, body: unknown, extra: Record<string, string> = {}): HostileRequest => ({
    kind,
    method: "POST",
    path: "/graphql",
    headers: { ...JSON_HEADERS, ...p.pick(identities), ...extra },
    body: typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });

  for (let i = 0; i < options.count; i++) {
    const r = p.int(100);
    if (r < 45) {
      // Injection and wrong-type values in every argument of every root field.
      const [opType, field] = p.pick(roots);
      yield post(`field:${opType}.${field.name}`, fieldOperation(opType, field, p));
    } else if (r < 55) {
      yield post("broken-document", { query: brokenDocument(p, valid) });
    } else if (r < 60) {
      // A valid operation with variables of the wrong shape.
      const variables = p.pick<unknown>([
        "not-an-object",
        [1, 2],
        { slug: 1, first: "many", search: { $ne: null } },
        { first: 1e9, speakerName: null },
        JSON.parse('{"__proto__": {"polluted": true}, "slug": "x"}'),
        { search: hostileString(p), speakerName: hostileString(p), slug: hostileString(p) },
      ]);
      yield post("wrong-variables", { query: p.pick(valid), variables, operationName: p.chance(0.2) ? "Nope" : undefined });
    } else if (r < 65) {
      // Unknown fields, unknown arguments, wrong literal types, subscriptions over POST.
      yield post("unknown-field", {
        query: p.pick([
          "{ articlez { id } }",
          "{ articles(firstt: 10) { totalCount } }",
          '{ articles(first: "ten") { totalCount } }',
          "{ articles(first: 10.5) { totalCount } }",
          "{ article(slug: 1) { id } }",
          "{ __schema { types { name fields { name } } } }",
          '{ __type(name: "Query") { name } }',
          "subscription { __typename }",
          "mutation { __typename }",
          "{ quotes { edges { node { password } } } }",
          "query ($a: Int!) { articles(first: $a) { totalCount } }",
        ]),
      });
    } else if (r < 72) {
      // Raw bytes: invalid UTF-8, NUL, BOM, control characters inside JSON strings.
      const bad = p.pick([
        Buffer.from([0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0x7b, 0xff, 0xfe, 0x7d, 0x22, 0x7d]),
        Buffer.concat([Buffer.from('{"query":"{ quotes(filter: {search: \\"'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]), Buffer.from('\\"}) { totalCount } }"}')]),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"query":"{ __typename }"}')]),
        Buffer.from('{"query":"{ __typename }\u0000"}'),
        Buffer.from('{"query":"{ article(slug: \\"\u0001\u0002\\") { id } }"}'),
        Buffer.from('{"query":"{ article(slug: \\"\\ud800\\") { id } }"}'),
        Buffer.from([0x00, 0x00, 0x00]),
        Buffer.alloc(64, 0xff),
      ]);
      yield post("invalid-bytes", bad);
    } else if (r < 80) {
      // Malformed JSON and wrong shapes of the request itself.
      yield post(
        "malformed-json",
        p.pick([
          "",
          "{",
          "null",
          "1",
          '"{ __typename }"',
          "[]",
          "[1, 2]",
          '{"query": null}',
          '{"query": 1}',
          '{"query": ["{ __typename }"]}',
          '{"query": "{ __typename }", "variables": "{}"}',
          '{"query": "{ __typename }", "variables": 1}',
          '{"query": "{ __typename }", "extensions": "x"}',
          '{"query": "{ __typename }", "operationName": 1}',
          '{"query": "{ __typename }", "query": "{ __typename }"}',
          '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0000"}}}',
          '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "' + "a".repeat(64) + '"}}}',
          '{"extensions": {"persistedQuery": {"version": 2, "sha256Hash": null}}}',
          "[" + '{"a":'.repeat(3000) + "1" + "}".repeat(3000) + "]",
          '{"query": "{ __typename }"' + ', "x": 1'.repeat(5000) + "}",
        ]),
      );
    } else if (r < 85) {
      // Batches: garbage inside, and over the limit.
      const n = p.pick([2, 3, 6, 50, 1000]);
      const items = Array.from({ length: n }, () => p.pick<unknown>([{ query: p.pick(valid) }, { query: brokenDocument(p, valid) }, null, 1, "x", {}]));
      yield post("batch", items);
    } else if (r < 88) {
      // Bodies over the limit, or announced with a lying content-length.
      if (p.chance(0.5)) yield post("oversized", JSON.stringify({ query: "{ __typename }", variables: { x: "y".repeat(1_200_000) } }));
      else yield post("oversized", '{"query": "{ __typename }", "pad": "' + "z".repeat(1_100_000) + '"}');
    } else if (r < 94) {
      // Wrong content types (CSRF prevention refuses the "simple" ones), charsets, methods.
      const [ct, body] = p.pick<[string, string]>([
        ["text/plain", '{"query":"{ __typename }"}'],
        ["application/x-www-form-urlencoded", "query=%7B__typename%7D"],
        ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=query\r\n\r\n{ __typename }\r\n--x--"],
        ["application/graphql", "{ __typename }"],
        ["application/json; charset=utf-16", '{"query":"{ __typename }"}'],
        ["application/json; charset=latin1", '{"query":"{ __typename }"}'],
        ["application/xml", "<query/>"],
        ["", '{"query":"{ __typename }"}'],
      ]);
      const method = p.pick<HostileRequest["method"]>(["POST", "POST", "PUT", "DELETE", "PATCH"]);
      yield { kind: "content-type", method, path: "/graphql", headers: ct ? { "content-type": ct } : {}, body };
    } else {
      // GET: queries in the URL, mutations over GET, weird parameters; with the preflight header so
      // CSRF prevention lets them through to the GraphQL layer half of the time.
      const q = p.pick([p.pick(valid), brokenDocument(p, valid).slice(0, 2000), "mutation { __typename }", hostileString(p).slice(0, 2000)]);
      const params = new URLSearchParams();
      params.set("query", q);
      if (p.chance(0.5)) params.set("variables", p.pick(["{", "[]", '{"slug": 1}', JSON.stringify({ search: p.pick(SQL_INJECTIONS) }), "null"]));
      if (p.chance(0.2)) params.set("extensions", p.pick(["{", '{"persistedQuery": 1}']));
      if (p.chance(0.1)) params.append("query", "{ __typename }");
      const headers: Record<string, string> = p.chance(0.5) ? { "apollo-require-preflight": "true" } : {};
      yield { kind: "get", method: "GET", path: `/graphql?${params.toString()}`, headers: { ...headers, ...p.pick(identities) } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sending and checking

/** Sends one request and reads the whole answer (never throws for HTTP errors). */
export async function sendHostile(baseUrl: string, req: HostileRequest, signal?: AbortSignal): Promise<HostileResponse> {
  const res = await fetch(baseUrl + req.path, {
    method: req.method,
    headers: req.headers,
    body: req.method === "GET" ? undefined : req.body,
    signal,
  });
  const body = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", body };
}

const CODE_RE = /^[A-Z][A-Z0-9_]*$/;

function checkError(e: unknown): string | null {
  if (!e || typeof e !== "object") return "an error is not an object";
  const err = e as { message?: unknown; extensions?: { code?: unknown } };
  if (typeof err.message !== "string") return "an error has no message";
  const code = err.extensions?.code;
  if (typeof code !== "string" || !CODE_RE.test(code)) return `an error has no code (${err.message.slice(0, 80)})`;
  if (code === "INTERNAL_SERVER_ERROR") return `INTERNAL_SERVER_ERROR: ${err.message.slice(0, 200)}`;
  return null;
}

function checkResult(value: unknown): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "the body is not a GraphQL response object";
  const r = value as { data?: unknown; errors?: unknown };
  if (!("data" in r) && !("errors" in r)) return "the response has neither data nor errors";
  if ("errors" in r) {
    if (!Array.isArray(r.errors) || r.errors.length === 0) return "errors is not a non-empty list";
    for (const e of r.errors) {
      const problem = checkError(e);
      if (problem) return problem;
    }
  }
  if ("data" in r && r.data !== null && (typeof r.data !== "object" || Array.isArray(r.data))) return "data is not an object";
  return null;
}

/**
 * What is wrong with the answer to a hostile request, or null when it is a well-formed GraphQL
 * response with coded errors or valid data. A 5xx fails unless `outageAllowed` and it is a coded 503.
 */
export function checkHostileResponse(res: HostileResponse, options: { outageAllowed?: boolean } = {}): string | null {
  if (res.status >= 500) {
    if (!(options.outageAllowed && res.status === 503)) return `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
  }
  if (!/^application\/(graphql-response\+)?json\b/.test(res.contentType)) return `content-type ${res.contentType || "(none)"} (HTTP ${res.status}): ${res.body.slice(0, 120)}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    return `the body is not JSON: ${res.body.slice(0, 120)}`;
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return "an empty batch answer";
    for (const item of parsed) {
      const problem = checkResult(item);
      if (problem) return `batch item: ${problem}`;
    }
    return null;
  }
  return checkResult(parsed);
}

export interface HostileRunReport {
  sent: number;
  /** Answers by HTTP status. */
  byStatus: Record<number, number>;
  /** Error codes seen, with counts. */
  byCode: Record<string, number>;
  fiveXX: number;
  failures: Array<{ kind: string; problem: string; request: string }>;
}

/** Sends `requests` with `concurrency` in flight and checks every answer. */
export async function runHostile(
  baseUrl: string,
  requests: Iterable<HostileRequest>,
  options: { concurrency?: number; outageAllowed?: boolean; onProgress?: (sent: number) => void; maxFailures?: number } = {},
): Promise<HostileRunReport> {
  const report: HostileRunReport = { sent: 0, byStatus: {}, byCode: {}, fiveXX: 0, failures: [] };
  const it = requests[Symbol.iterator]();
  const worker = async () => {
    for (let next = it.next(); !next.done; next = it.next()) {
      const req = next.value;
      let problem: string | null;
      try {
        const res = await sendHostile(baseUrl, req);
        report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
        if (res.status >= 500) report.fiveXX++;
        problem = checkHostileResponse(res, options);
        try {
          const parsed = JSON.parse(res.body) as unknown;
          for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
            for (const e of (item as { errors?: Array<{ extensions?: { code?: string } }> })?.errors ?? []) {
              const code = e?.extensions?.code ?? "(none)";
              report.byCode[code] = (report.byCode[code] ?? 0) + 1;
            }
          }
        } catch {
          // reported by the check
        }
      } catch (err) {
        problem = `no answer: ${(err as Error).message}`;
      }
      report.sent++;
      options.onProgress?.(report.sent);
      if (problem && report.failures.length < (options.maxFailures ?? 50)) {
        const body = req.body === undefined ? "" : Buffer.isBuffer(req.body) ? `<${req.body.length} bytes>` : req.body.slice(0, 300);
        report.failures.push({ kind: req.kind, problem, request: `${req.method} ${req.path.slice(0, 200)} ${body}` });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return report;
}
