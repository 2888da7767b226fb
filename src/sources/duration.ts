// "10m", "1h", "90s", "2d" or a plain number of seconds → seconds; null when unreadable.
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+)\s*([smhd]?)\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]) * (UNITS[(m[2] || "s").toLowerCase()] ?? 1);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Seconds as the shortest exact duration text ("600" → "10m"). */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3600],
    ["m", 60],
  ] as const)
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}
