/** Totals of a subscription's resources, as a sync counts them (SPEC 1.2). */
export interface InventorySummary {
  total: number;
  byType: Record<string, number>;
  byLocation: Record<string, number>;
  byResourceGroup: Record<string, number>;
  /** How many pages Azure returned. */
  pages: number;
}

/**
 * Counts keys case-insensitively (Azure is not consistent about the case of types and
 * resource group names) and reports each under the spelling first seen.
 */
export class CaseInsensitiveTally {
  private readonly counts = new Map<string, { label: string; n: number }>();

  add(label: string): void {
    const key = label.toLowerCase();
    const hit = this.counts.get(key);
    if (hit) hit.n += 1;
    else this.counts.set(key, { label, n: 1 });
  }

  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { label, n } of [...this.counts.values()].sort(
      (a, b) => b.n - a.n || a.label.localeCompare(b.label),
    ))
      out[label] = n;
    return out;
  }
}

/** The resource group named in an ARM resource id, if any. */
export function resourceGroupOf(resourceId: string): string | undefined {
  const m = /\/resourceGroups\/([^/]+)/i.exec(resourceId);
  return m?.[1];
}
