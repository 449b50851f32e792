/** Port ranges as sorted, merged, inclusive intervals over 0–65535. */

export type PortRange = readonly [number, number];

export const ALL_PORTS: PortRange = [0, 65535];

/**
 * One NSG port expression: `22`, `*`, `0-65535`, `3380-3390` (spaces tolerated), or a number.
 * `undefined` when it is not a valid port or range.
 */
export function parsePortRange(value: unknown): PortRange | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= 65535 ? [value, value] : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const s = value.replace(/\s+/g, '');
  if (s === '*' || s.toLowerCase() === 'any') return ALL_PORTS;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(s);
  if (!m) return undefined;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  if (!(low <= high && high <= 65535)) return undefined;
  return [low, high];
}

/** Parses every entry (a string may also hold a comma-separated list); invalid entries are dropped. */
export function parsePorts(values: unknown[]): PortRange[] {
  const out: PortRange[] = [];
  for (const v of values) {
    const parts = typeof v === 'string' ? v.split(',') : [v];
    for (const part of parts) {
      const range = parsePortRange(part);
      if (range) out.push(range);
    }
  }
  return normalize(out);
}

/** Sorted, with overlapping or adjacent ranges merged. */
export function normalize(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [low, high] of sorted) {
    const last = out[out.length - 1];
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else out.push([low, high]);
  }
  return out;
}

/** The ports of `from` that are in none of `remove`. */
export function subtract(from: readonly PortRange[], remove: readonly PortRange[]): PortRange[] {
  let rest = normalize(from);
  for (const [rLow, rHigh] of normalize(remove)) {
    const next: PortRange[] = [];
    for (const [low, high] of rest) {
      if (rHigh < low || rLow > high) {
        next.push([low, high]);
        continue;
      }
      if (low < rLow) next.push([low, rLow - 1]);
      if (high > rHigh) next.push([rHigh + 1, high]);
    }
    rest = next;
  }
  return rest;
}

export function coversPort(ranges: readonly PortRange[], port: number): boolean {
  return ranges.some(([low, high]) => low <= port && port <= high);
}

/** True when the ranges cover every usable port (1–65535; port 0 is not a real destination). */
export function coversAllPorts(ranges: readonly PortRange[]): boolean {
  return subtract([[1, 65535]], ranges).length === 0;
}

/** `22`, `3380-3390`, `all ports`; up to three ranges, then "…". */
export function formatPorts(ranges: readonly PortRange[]): string {
  if (coversAllPorts(ranges)) return 'all ports';
  const parts = ranges.slice(0, 3).map(([low, high]) => (low === high ? `${low}` : `${low}-${high}`));
  return ranges.length > 3 ? `${parts.join(', ')}, …` : parts.join(', ');
}
