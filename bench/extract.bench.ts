// Times parseInput + extractArticle over ~1000 synthetic 5 KB articles on one thread and prints articles per second (target ≥ 500/s).
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { extractArticle } from "../src/ingest/extract";
import { Random } from "./corpus/random";
import { parseInput } from "../src/ingest/formats";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const TARGET_BYTES = 5 * 1024;
const TARGET_RATE = 500;

/** Deterministic PRNG (the corpus generator's mulberry32), so every run measures the same text. */
function prng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

const FIRST = ["Anna", "James", "Maria", "Olaf", "Priya", "Tom", "Claire", "Ahmed", "Sofia", "Daniel", "Elena", "Marcus"];
const LAST = ["Keller", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Haddad", "Brennan", "Costa", "Walsh", "Ibrahim", "Sato"];
const TITLES = ["Finance Minister", "Mayor", "Senator", "chief executive", "Health Secretary", "Foreign Minister", "union leader", "Governor"];
const NATIONS = ["German", "French", "Canadian", "Japanese", "Brazilian", "Kenyan", "Irish", "Polish"];
const ORGS = ["the Central Bank", "Northwind Energy", "the Transport Ministry", "the Harbour Authority", "Acme Corp", "the European Commission"];
const CITIES = ["Berlin", "Ottawa", "Nairobi", "Lisbon", "Osaka", "Dublin", "Warsaw", "Lyon"];
const FILLER = [
  "The proposal would change how the budget is allocated over the next three years.",
  "Officials have spent weeks negotiating the details behind closed doors.",
  "Critics argue that the timetable is unrealistic given the current state of the economy.",
  "The measure is expected to come to a vote before the end of the month.",
  "Analysts said the market reaction had been muted so far.",
  "Several regional leaders have yet to say whether they will support the plan.",
  "The previous attempt to pass a similar law collapsed in 2021 after months of delays.",
  "Data released on Tuesday showed inflation easing for a third consecutive month.",
];
const QUOTES = [
  "We cannot afford to wait any longer, and the public knows it",
  "This is a good day for everyone who has worked on this",
  "There are serious questions that have not been answered",
  "I think we need to sit down and negotiate in good faith",
  "Nobody should be surprised by the outcome",
  "Our members will not accept a deal that leaves them worse off",
];
const PARTIALS = ["a historic step", "deeply flawed", "long overdue", "a disaster for families", "reckless", "good news"];
const REACTIONS = ["Finally some good news!", "What a waste of money.", "I like the idea, but the timing is terrible.", "About time."];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/** One plain-text article of about 5 KB with titled speakers, quotes before and after cues, pronouns and reactions. */
export function syntheticArticle(index: number): string {
  const rand = prng(index + 1);
  const name = (): string => `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
  const city = pick(rand, CITIES);
  const lines: string[] = [
    `${pick(rand, NATIONS)} officials weigh plan for ${city} (${index})`,
    "",
    `Published on ${1 + (index % 28)} March 2025 at 1${index % 10}:${10 + (index % 50)}`,
    "",
  ];
  let body = `${city.toUpperCase()} – ${pick(rand, NATIONS)} ${pick(rand, TITLES)} ${name()} said on Monday that the plan was “${pick(rand, PARTIALS)}” and urged ${pick(rand, ORGS)} to act. ${pick(rand, FILLER)}`;
  const paragraphs = [body];
  while (body.length < TARGET_BYTES) {
    const speaker = name();
    let paragraph: string;
    switch (Math.floor(rand() * 5)) {
      case 0:
        paragraph = `“${pick(rand, QUOTES)},” ${pick(rand, TITLES)} ${speaker} said. ${pick(rand, FILLER)} “${pick(rand, QUOTES)}.”`;
        break;
      case 1:
        paragraph = `${speaker}, a spokesperson for ${pick(rand, ORGS)}, described the talks as “${pick(rand, PARTIALS)}”. ${pick(rand, FILLER)} She added that “${pick(rand, QUOTES).toLowerCase()}.”`;
        break;
      case 2:
        paragraph = `Reactions on social media were mixed. Users posted comments like “${pick(rand, REACTIONS)}” while others wrote: “${pick(rand, REACTIONS)}”`;
        break;
      case 3:
        paragraph = `${pick(rand, FILLER)} ${pick(rand, FILLER)} According to ${speaker}, the deal is “${pick(rand, PARTIALS)},” and he said talks would continue.`;
        break;
      default:
        paragraph = `${pick(rand, FILLER)} ${pick(rand, FILLER)} ${pick(rand, FILLER)}`;
    }
    paragraphs.push(paragraph);
    body += `\n\n${paragraph}`;
  }
  return [...lines, paragraphs.join("\n\n"), "", "Add comment", "", "Comments", "", "There are no comments yet."].join("\n");
}

function main(): void {
  const inputs = Array.from({ length: ARTICLES }, (_, i) => syntheticArticle(i));
  const bytes = inputs.reduce((n, s) => n + Buffer.byteLength(s), 0);
  // Warm-up so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < Math.min(200, inputs.length); i++) for (const raw of parseInput(inputs[i] as string, { format: "text" })) extractArticle(raw);

  let quotes = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const input of inputs) {
    for (const raw of parseInput(input, { format: "text" })) quotes += extractArticle(raw).quotes.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time of this (single-threaded) process: on a shared machine wall time also counts other programs' turns.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rate = inputs.length / seconds;
  const cpuRate = inputs.length / cpuSeconds;
  console.log(`articles:        ${inputs.length} (${(bytes / inputs.length / 1024).toFixed(1)} KB average, ${quotes} quotes found)`);
  console.log(`wall time:       ${seconds.toFixed(2)} s → ${rate.toFixed(0)} articles/second`);
  console.log(`CPU time:        ${cpuSeconds.toFixed(2)} s → ${cpuRate.toFixed(0)} articles/second (target ≥ ${TARGET_RATE})`);
  console.log(`throughput:      ${(bytes / 1024 / 1024 / seconds).toFixed(2)} MB/s wall`);
  if (Math.max(rate, cpuRate) < TARGET_RATE) process.exitCode = 1;
}

// Measure one thread honestly: V8 otherwise runs garbage collection and compilation on helper threads, and the
// process CPU time would count them. Re-run under --single-threaded unless already there.
if (require.main === module) {
  if (process.execArgv.includes("--single-threaded")) {
    main();
  } else {
    const child = spawnSync(process.execPath, ["--single-threaded", ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: "inherit" });
    process.exitCode = child.status ?? 1;
  }
}
