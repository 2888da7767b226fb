// Runs the labelled quote evaluation (the same as scripts/eval-quotes.ts) and holds it to the quality targets.
import { evaluatePassages, loadPassages, normaliseQuoteText, sameSpeaker } from '../../src/ingest/eval/quote-eval';
import { extractArticle } from '../../src/ingest/extract';
import { projectPath } from '../../src/paths';

const passages = loadPassages(projectPath('tests', 'fixtures', 'quotes'));

describe('labelled quote passages', () => {
  it('hold at least 45 passages with unique ids', () => {
    expect(passages.length).toBeGreaterThanOrEqual(45);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it('label quotes that occur in their passage', () => {
    for (const p of passages) for (const q of p.quotes) expect({ id: p.id, found: p.text.includes(q.text) }).toEqual({ id: p.id, found: true });
  });

  it('meet the targets: F1 ≥ 0.95 and attribution ≥ 0.90', () => {
    const report = evaluatePassages(passages);
    expect(report.f1).toBeGreaterThanOrEqual(0.95);
    expect(report.attribution).toBeGreaterThanOrEqual(0.9);
  });

  it('keep exact offsets for every extracted quote', () => {
    for (const p of passages) {
      const doc = extractArticle({ title: p.id, url: null, publishedAt: null, dateline: null, language: 'en', body: p.text, source: { format: 'text', name: p.id } });
      for (const q of doc.quotes) expect(doc.article.body.slice(q.start, q.end)).toBe(q.text);
    }
  });
});

describe('evaluation matching rules', () => {
  it('ignores surrounding punctuation and case when matching quote texts', () => {
    expect(normaliseQuoteText('“So the idea is good,” ')).toBe(normaliseQuoteText('so the idea is good'));
    expect(normaliseQuoteText('good')).not.toBe(normaliseQuoteText('good idea'));
  });

  it('leaves a possessive owner of one or more words out of an organisation’s name', () => {
    expect(sameSpeaker('presidential office', 'South Korea’s presidential office', [])).toBe(true);
    expect(sameSpeaker('Defence Ministry', 'Russia’s Defence Ministry', [])).toBe(true);
    expect(sameSpeaker('presidential office', 'foreign ministry', [])).toBe(false);
  });

  it('treats a surname, an alias or a leading article as the same speaker, and null only as null', () => {
    const speakers = [{ name: 'Vladimir Putin', role: null, kind: 'PERSON' as const, aliases: ['Putin'] }];
    expect(sameSpeaker('Putin', 'Vladimir Putin', speakers)).toBe(true);
    expect(sameSpeaker('the White House', 'White House', [])).toBe(true);
    expect(sameSpeaker('Donald Trump', 'Vladimir Putin', speakers)).toBe(false);
    expect(sameSpeaker(null, 'Vladimir Putin', speakers)).toBe(false);
    expect(sameSpeaker(null, null, speakers)).toBe(true);
  });
});
