/** IPv4 arithmetic for database firewall rules (`{ name, properties: { startIpAddress, endIpAddress } }`). */

import { entryProps } from './children';
import { asString, field, short } from './props';

/** A dotted IPv4 address as an unsigned 32-bit number, or `undefined`. */
export function parseIpv4(value: unknown): number | undefined {
  const s = asString(value);
  if (s === undefined) return undefined;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (const part of m.slice(1)) {
    const octet = Number(part);
    if (!(octet >= 0 && octet <= 255)) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export interface FirewallRange {
  name: string;
  start: number;
  end: number;
}

/** The readable firewall rules of a server; entries with unusable addresses are skipped. */
export function firewallRanges(rules: unknown[]): FirewallRange[] {
  const out: FirewallRange[] = [];
  for (const rule of rules) {
    const props = entryProps(rule);
    const start = parseIpv4(field(props, 'startIpAddress'));
    const end = parseIpv4(field(props, 'endIpAddress'));
    if (start === undefined || end === undefined || start > end) continue;
    const name = asString(field(rule, 'name')) ?? asString(field(props, 'name')) ?? '(unnamed)';
    out.push({ name: short(name, 50), start, end });
  }
  return out;
}

/**
 * The public internet for our purposes: 1.0.0.0–223.255.255.255 (every unicast address; 0.0.0.0/8
 * is not a source and 224.0.0.0 and up are multicast and reserved).
 */
export const INTERNET_START = parseIpv4('1.0.0.0') ?? 0;
export const INTERNET_END = parseIpv4('223.255.255.255') ?? 0;

/**
 * The rules that let every internet address in: the rules that do so alone, or else the rules
 * whose ranges chain together to cover it (in address order). Empty when some internet address is
 * left out.
 */
export function rulesOpeningWholeInternet(ranges: FirewallRange[]): FirewallRange[] {
  const alone = ranges.filter((r) => r.start <= INTERNET_START && r.end >= INTERNET_END);
  if (alone.length > 0) return alone;
  const relevant = ranges
    .filter((r) => r.end >= INTERNET_START && r.start <= INTERNET_END)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const used: FirewallRange[] = [];
  let reached = INTERNET_START - 1;
  for (const r of relevant) {
    if (r.start > reached + 1) break;
    if (r.end > reached) {
      used.push(r);
      reached = r.end;
    }
  }
  return reached >= INTERNET_END ? used : [];
}

/** The "Allow Azure services" rule: start and end 0.0.0.0. */
export function allowsAzureServices(range: FirewallRange): boolean {
  return range.start === 0 && range.end === 0;
}
