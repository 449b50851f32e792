/**
 * What a sync must read for a set of rules, and what it could not read: the core decides from
 * the rules; the Azure adapter reads exactly that and reports what is missing.
 */
import type { ChildKind, Rule } from './rule';

export interface SyncPlan {
  /** ARM types (lower-case) whose properties the rules judge. */
  types: string[];
  /** Sub-resources to read once per parent, by ARM type (lower-case). */
  children: Record<string, ChildKind[]>;
  /** Whether the subscription-wide facts are needed (subscription rules). */
  subscription: boolean;
}

/** A part of the subscription that could not be read: the sync is partial. */
export interface MissingPart {
  /** What, in words: "SQL servers: firewall rules". */
  part: string;
  /** Why, briefly: "HTTP 500", "throttled", "timed out". */
  detail: string;
  /** Types whose properties were not read (their rules judged nothing). */
  types?: string[];
  /** Sub-resources not read for some parents of a type. */
  children?: { type: string; kind: ChildKind }[];
  /** Subscription-wide facts not read. */
  subscription?: boolean;
  /** The inventory itself (the counts are partial). */
  inventory?: boolean;
}

export function planFor(rules: readonly Rule[]): SyncPlan {
  const types = new Set<string>();
  const children: Record<string, Set<ChildKind>> = {};
  let subscription = false;
  for (const r of rules) {
    if (r.scope === 'subscription') {
      subscription = true;
      continue;
    }
    const t = r.resourceType.toLowerCase();
    types.add(t);
    for (const kind of r.needs ?? []) {
      children[t] ??= new Set();
      children[t].add(kind);
    }
  }
  return {
    types: [...types].sort(),
    children: Object.fromEntries(Object.entries(children).map(([t, s]) => [t, [...s].sort()])),
    subscription,
  };
}

/** The rules whose every input was read: only their absent findings may be marked resolved. */
export function completeRules(rules: readonly Rule[], missing: readonly MissingPart[]): Set<string> {
  const out = new Set<string>();
  const types = new Set(missing.flatMap((m) => m.types ?? []).map((t) => t.toLowerCase()));
  const kids = new Set(
    missing.flatMap((m) => m.children ?? []).map((c) => `${c.type.toLowerCase()}|${c.kind}`),
  );
  const subscription = missing.some((m) => m.subscription || m.inventory);
  for (const r of rules) {
    if (r.scope === 'subscription') {
      if (!subscription) out.add(r.id);
      continue;
    }
    const t = r.resourceType.toLowerCase();
    if (types.has(t)) continue;
    if ((r.needs ?? []).some((k) => kids.has(`${t}|${k}`))) continue;
    out.add(r.id);
  }
  return out;
}
