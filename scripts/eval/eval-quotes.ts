// Prints quote-extraction quality on the labelled passages in tests/fixtures/quotes:
// `node dist/scripts/eval/eval-quotes.js [--verbose] [--calibration] [--batch NAME]…`. A batch is a file
// (`--batch world-desk`) or a held-out folder (`--batch first-sight`), scored alone for its first-sight numbers.
import { projectPath } from "../../src/paths";
import { calibrationTable, evaluatePassages, loadPassages } from "./quote-eval";

const args = process.argv.slice(2);
const verbose = args.includes("--verbose") || args.includes("-v");
const calibration = args.includes("--calibration");
const batches = args.flatMap((a, i) => (args[i - 1] === "--batch" ? [a.replace(/\.json$/, "").replace(/\/$/, "")] : []));
const passages = loadPassages(projectPath("tests", "fixtures", "quotes"), batches.length ? batches : undefined);
if (!passages.length) {
  console.error(`no labelled passages${batches.length ? ` in batch ${batches.join(", ")}` : ""}`);
  process.exit(2);
}
const report = evaluatePassages(passages);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const { at30, at80 } = report.overlap;

console.log(`passages:              ${report.passages}`);
console.log(`quotes expected/found: ${report.expectedQuotes} / ${report.predictedQuotes} (matched ${report.matchedQuotes})`);
console.log(`exact match P/R/F1:    ${report.precision.toFixed(3)} / ${report.recall.toFixed(3)} / ${report.f1.toFixed(3)}`);
console.log(`attribution accuracy:  ${report.attribution.toFixed(3)} (all matched quotes; null right only when null expected)`);
console.log(`named attribution:     ${report.namedAttribution.toFixed(3)} (${report.namedQuotes} matched quotes with a named speaker in the gold)`);
console.log(`  speakerless:         ${pct(report.speakerless)} of them left with no speaker`);
console.log(`  wrong name:          ${pct(report.wrongName)} of them given another name`);
console.log(`invented names:        ${report.inventedNames} (gold null, a name given)`);
console.log(`predicted speakerless: ${pct(report.predictedSpeakerless)} of predicted quotes`);
console.log(`GGT overlap >30%:      P/R/F1 ${at30.precision.toFixed(3)} / ${at30.recall.toFixed(3)} / ${at30.f1.toFixed(3)}, speaker ${at30.attribution.toFixed(3)}`);
console.log(`GGT overlap >80%:      P/R/F1 ${at80.precision.toFixed(3)} / ${at80.recall.toFixed(3)} / ${at80.f1.toFixed(3)}, speaker ${at80.attribution.toFixed(3)}`);
console.log(`kind accuracy:         ${pct(report.kindAccuracy)}`);
console.log(`reactions P/R:         ${report.reactionPrecision.toFixed(3)} / ${report.reactionRecall.toFixed(3)}, sentiment ${pct(report.sentimentAccuracy)}`);

if (calibration) {
  console.log("\nconfidence bin   quotes  mean conf  accuracy");
  for (const b of calibrationTable(report.scored)) {
    console.log(`${b.from.toFixed(1)}–${b.to.toFixed(1)}        ${String(b.quotes).padStart(6)}  ${b.meanConfidence.toFixed(3).padStart(9)}  ${b.accuracy.toFixed(3).padStart(8)}`);
  }
  // Accuracy of the quotes each rule attributed (a name given), the measurement the confidence table is set from.
  const byMethod = new Map<string, { n: number; right: number }>();
  for (const s of report.scored) {
    if (s.got === null || s.method === null) continue;
    const key = s.method;
    const cell = byMethod.get(key) ?? { n: 0, right: 0 };
    cell.n++;
    if (s.correct) cell.right++;
    byMethod.set(key, cell);
  }
  console.log("\nmethod (evidence)        quotes  accuracy");
  for (const [key, c] of [...byMethod].sort((a, b) => b[1].n - a[1].n)) console.log(`${key.padEnd(24)} ${String(c.n).padStart(6)}  ${(c.right / c.n).toFixed(3).padStart(8)}`);
}

if (verbose) {
  for (const m of report.misses) {
    console.log(`\n[${m.id}]`);
    for (const q of m.missed) console.log(`  missed:   “${q.text}” (${q.speaker ?? "null"})`);
    for (const q of m.spurious) console.log(`  spurious: “${q.text}” (${q.speaker ?? "null"})`);
    for (const q of m.wrongSpeaker) console.log(`  speaker:  “${q.text}” expected ${q.expected ?? "null"}, got ${q.got ?? "null"}`);
    for (const q of m.wrongKind) console.log(`  kind:     “${q.text}” expected ${q.expected}, got ${q.got}`);
    for (const r of m.missedReactions) console.log(`  missed reaction:   “${r.text}” (${r.sentiment})`);
    for (const r of m.spuriousReactions) console.log(`  spurious reaction: “${r}”`);
    for (const r of m.wrongSentiment) console.log(`  sentiment: “${r.text}” expected ${r.expected}, got ${r.got}`);
  }
}

const targetsMet = report.f1 >= 0.95 && report.attribution >= 0.9;
if (!targetsMet) console.log("\nbelow target (F1 ≥ 0.95, attribution ≥ 0.90)");
process.exitCode = targetsMet ? 0 : 1;
