/**
 * Reading ARM JSON defensively. Properties may be missing, null, of the wrong type or spelled in
 * another case ("Enabled"/"enabled"); these helpers never throw and say `undefined` for "absent or
 * unusable", so each rule decides explicitly what absence means.
 */

import type { ResourceModel } from '../../core/posture/rule';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key of an object: exact spelling first, then case-insensitively. `undefined` when `obj` is no object. */
export function field(obj: unknown, key: string): unknown {
  if (!isRecord(obj)) return undefined;
  if (Object.hasOwn(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() === lower) return obj[k];
  }
  return undefined;
}

/** A nested value: `path(x, 'a', 'b')` is `x.a.b`, read with `field` at each step. */
export function path(obj: unknown, ...keys: string[]): unknown {
  let current = obj;
  for (const key of keys) current = field(current, key);
  return current;
}

/** A value under the resource's `properties`. */
export function prop(resource: ResourceModel, ...keys: string[]): unknown {
  return path(field(resource, 'properties'), ...keys);
}

/** A non-empty trimmed string, else `undefined`. */
export function asString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A boolean, also from the strings "true"/"false" in any case; else `undefined`. */
export function asBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const s = asString(value)?.toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  return undefined;
}

/** A finite number, also from a numeric string; else `undefined`. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const s = asString(value);
  if (s === undefined || !/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** The value when it is an array, else an empty array. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** True when `value` is a string equal to one of `expected`, ignoring case and surrounding spaces. */
export function eqi(value: unknown, ...expected: string[]): boolean {
  const s = asString(value)?.toLowerCase();
  return s !== undefined && expected.some((e) => e.toLowerCase() === s);
}

/** Cuts a text to `max` characters, with an ellipsis when cut. */
export function short(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** How a reason names a resource: its name, shortened, or a neutral word when the name is unusable. */
export function nameOf(resource: unknown, fallback = 'this resource'): string {
  const name = asString(field(resource, 'name'));
  return name === undefined ? fallback : short(name);
}

/** "a", "a and b", "a, b and c", "a, b, c and 2 more". */
export function listNames(names: string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => short(n, 40));
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** How a reason shows a property value: `Enabled`, `false`, `not set`. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return 'not set';
  if (typeof value === 'string') return value.trim() === '' ? 'empty' : short(value, 30);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'an unexpected value';
}

/**
 * A TLS version as a number (1.0, 1.1, 1.2, 1.3) from the spellings ARM uses across services:
 * `TLS1_2` (storage), `1.2` (SQL, App Service), `Tls12` (Cosmos DB), `TLS 1.2`. `undefined` for
 * anything else, including SQL's `None` (no minimum).
 */
export function tlsVersion(value: unknown): number | undefined {
  if (typeof value === 'number') return value >= 1 && value < 2 ? value : undefined;
  const s = asString(value)
    ?.toLowerCase()
    .replace(/^tls\s*v?/, '')
    .replace(/[_\s]/g, '.');
  if (s === undefined) return undefined;
  if (/^1\.\d$/.test(s)) return Number(s);
  if (/^1\d$/.test(s)) return Number(`1.${s.slice(1)}`);
  return undefined;
}

/** The last segment of an ARM name or id (`server/db` → `db`). */
export function lastSegment(value: string): string {
  const parts = value.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? value;
}
