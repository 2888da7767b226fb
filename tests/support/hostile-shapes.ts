// The hostile shapes of issue 17 that the schema-driven generator (hostile-requests.ts) does not make:
// repeated `_entities` representations, oversized WebSocket frames, many subscriptions on one socket,
// and pathological ingest inputs. `npm run soak` sends them after its main run; each round reports the
// HTTP statuses (or WebSocket close codes) it got, so a 5xx or a dead process shows.
import WebSocket from "ws";

export interface ShapeReport {
  /** Answers by kind and status, e.g. `entities 200`, `ws-oversized close 1009`. */
  outcomes: Record<string, number>;
  fiveXX: number;
}

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Article { id title body } } }`;

/** Inputs whose extraction used to grow faster than linearly, at the sizes that took seconds to minutes. */
export const PATHOLOGICAL_INGEST: Array<{ format: "TEXT" | "HTML"; content: string }> = [
  { format: "HTML", content: `<html><body>${"<div>".repeat(2000)}<p>He said "hi" to them.</p>${"</div>".repeat(2000)}</body></html>` },
  { format: "TEXT", content: `Soak title\n\n${'"a '.repeat(80_000)}` },
  { format: "TEXT", content: `Soak title\n\n${"word ".repeat(150_000)}` },
  { format: "TEXT", content: `Soak title\n\n${'"'.repeat(500_000)}` },
  { format: "HTML", content: `<html><body>${`${"<div>".repeat(60)}<p>He said "hello there" to all of them today.</p>${"</div>".repeat(60)}`.repeat(300)}</body></html>` },
];

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

function openSocket(url: string): Promise<{ socket: WebSocket; closed: Promise<number> } | { refused: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
    const closed = new Promise<number>((r) => socket.once("close", (code) => r(code)));
    // Writes after the server closed an oversized frame's socket fail (EPIPE): expected, not fatal.
    socket.on("error", () => undefined);
    socket.once("unexpected-response", (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    socket.once("error", () => resolve({ refused: 0 }));
    socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
    socket.on("message", (data) => {
      if (JSON.parse(String(data)).type === "connection_ack") resolve({ socket, closed });
    });
  });
}

/** One round of every shape against the server at `url`; `adminKey` signs the ingest calls. */
export async function sendHostileShapes(url: string, adminKey: string, articleId: string | null): Promise<ShapeReport> {
  const report: ShapeReport = { outcomes: {}, fiveXX: 0 };
  const note = (what: string, status: number) => {
    report.outcomes[what] = (report.outcomes[what] ?? 0) + 1;
    if (status >= 500) report.fiveXX++;
  };

  // Repeated _entities representations: 5,000 of the same article in one ~300 KB request.
  const reps = Array.from({ length: 5000 }, () => ({ __typename: "Article", id: articleId ?? "00000000-0000-4000-8000-000000000000" }));
  const entities = await post(url, { query: ENTITIES, variables: { r: reps } });
  note(`entities ${entities}`, entities);

  // Oversized WebSocket frames: three 20 MiB subscribe messages (each must close its socket with 1009).
  for (let i = 0; i < 3; i++) {
    const s = await openSocket(url);
    if ("refused" in s) {
      note(`ws-oversized refused ${s.refused}`, s.refused);
      continue;
    }
    s.socket.send(JSON.stringify({ id: "big", type: "subscribe", payload: { query: `subscription { commentQueued { id } } #${"x".repeat(20 * 2 ** 20)}` } }));
    note(`ws-oversized close ${await s.closed}`, 0);
  }

  // Many subscriptions on one socket: 3,000 commentAdded subscriptions, then the answers counted.
  const s = await openSocket(url);
  if ("refused" in s) note(`ws-many refused ${s.refused}`, s.refused);
  else {
    const answers: Record<string, number> = {};
    s.socket.on("message", (data) => {
      const m = JSON.parse(String(data)) as { type: string; payload?: Array<{ extensions?: { code?: string } }> };
      const key = m.type === "error" ? `error ${m.payload?.[0]?.extensions?.code}` : m.type;
      answers[key] = (answers[key] ?? 0) + 1;
    });
    for (let i = 0; i < 3000; i++) {
      s.socket.send(JSON.stringify({ id: `s${i}`, type: "subscribe", payload: { query: `subscription($a: ID!) { commentAdded(articleId: $a) { id body } }`, variables: { a: articleId } } }));
    }
    await new Promise((r) => setTimeout(r, 3000));
    for (const [k, n] of Object.entries(answers)) report.outcomes[`ws-many ${k}`] = n;
    s.socket.close();
    await s.closed;
  }

  // Pathological ingest inputs, as an editor (the admin key).
  for (const input of PATHOLOGICAL_INGEST) {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-admin-key": adminKey },
      body: JSON.stringify({ query: `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { id } }`, variables: { input } }),
    });
    const body = (await res.json().catch(() => ({}))) as { errors?: Array<{ extensions?: { ingestCode?: string; code?: string } }> };
    const e = body.errors?.[0]?.extensions;
    note(`ingest ${res.status} ${e ? (e.ingestCode ?? e.code) : "stored"}`, res.status);
  }
  return report;
}
