// Prints quote-extraction quality on the labelled passages in tests/fixtures/quotes:
// `node dist/scripts/eval-quotes.js [--verbose] [--batch NAME]…` (`--batch world-desk` scores one file, e.g. a new
// batch before any rule change, for its first-sight numbers).
import { evaluatePassages, loadPassages } from '../src/ingest/eval/quote-eval';
import { projectPath } from '../src/paths';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const batches = args.flatMap((a, i) => (args[i - 1] === '--batch' ? [a.replace(/\.json$/, '')] : []));
const passages = loadPassages(projectPath('tests', 'fixtures', 'quotes'), batches.length ? batches : undefined);
if (!passages.length) {
  console.error(`no labelled passages${batches.length ? ` in batch ${batches.join(', ')}` : ''}`);
  process.exit(2);
}
const report = evaluatePassages(passages);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

console.log(`passages:              ${report.passages}`);
console.log(`quotes expected/found: ${report.expectedQuotes} / ${report.predictedQuotes} (matched ${report.matchedQuotes})`);
console.log(`precision:             ${report.precision.toFixed(3)}`);
console.log(`recall:                ${report.recall.toFixed(3)}`);
console.log(`F1:                    ${report.f1.toFixed(3)}`);
console.log(`attribution accuracy:  ${report.attribution.toFixed(3)}`);
console.log(`kind accuracy:         ${pct(report.kindAccuracy)}`);
console.log(`reactions P/R:         ${report.reactionPrecision.toFixed(3)} / ${report.reactionRecall.toFixed(3)}, sentiment ${pct(report.sentimentAccuracy)}`);

if (verbose) {
  for (const m of report.misses) {
    console.log(`\n[${m.id}]`);
    for (const q of m.missed) console.log(`  missed:   “${q.text}” (${q.speaker ?? 'null'})`);
    for (const q of m.spurious) console.log(`  spurious: “${q.text}” (${q.speaker ?? 'null'})`);
    for (const q of m.wrongSpeaker) console.log(`  speaker:  “${q.text}” expected ${q.expected ?? 'null'}, got ${q.got ?? 'null'}`);
    for (const q of m.wrongKind) console.log(`  kind:     “${q.text}” expected ${q.expected}, got ${q.got}`);
    for (const r of m.missedReactions) console.log(`  missed reaction:   “${r.text}” (${r.sentiment})`);
    for (const r of m.spuriousReactions) console.log(`  spurious reaction: “${r}”`);
    for (const r of m.wrongSentiment) console.log(`  sentiment: “${r.text}” expected ${r.expected}, got ${r.got}`);
  }
}

const targetsMet = report.f1 >= 0.95 && report.attribution >= 0.9;
if (!targetsMet) console.log('\nbelow target (F1 ≥ 0.95, attribution ≥ 0.90)');
process.exitCode = targetsMet ? 0 : 1;
