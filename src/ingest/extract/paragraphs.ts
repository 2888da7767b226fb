// Finds paragraph spans (separated by blank lines) in a normalised article body.

export interface Span {
  start: number;
  end: number;
}

/** Paragraphs as [start, end) offsets, without surrounding whitespace; empty paragraphs are skipped. */
export function findParagraphs(body: string): Span[] {
  const spans: Span[] = [];
  const separator = /\n[ \t]*\n\s*/g;
  let from = 0;
  for (let m = separator.exec(body); m !== null; m = separator.exec(body)) {
    pushTrimmed(body, from, m.index, spans);
    from = m.index + m[0].length;
  }
  pushTrimmed(body, from, body.length, spans);
  return spans;
}

function pushTrimmed(body: string, start: number, end: number, out: Span[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(body[s] ?? "")) s++;
  while (e > s && /\s/.test(body[e - 1] ?? "")) e--;
  if (e > s) out.push({ start: s, end: e });
}
