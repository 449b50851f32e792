/**
 * Whether a scheduled sync is worth a message, by the connection's level (SPEC 1.3):
 * - `all`: a summary after every scheduled sync;
 * - `changes` (default): only when something changed: findings not announced before, findings
 *   resolved, or the asset count moving by more than a little;
 * - `critical`: only when a new critical or high finding appears;
 * - `off`: never (everything is still recorded).
 * Broken and recovered connections are told at every level but `off`.
 */
import type { NotifyLevel } from '../connection';
import type { Finding } from '../finding';
import type { SyncSummary } from '../sync/record';

/** An asset count change worth a message: at least this many, and at least 1 % of the assets. */
export const ASSET_DELTA_MIN = 5;
const ASSET_DELTA_SHARE = 0.01;

export interface ChangeNotice {
  /** Findings to announce, worst first (all of them: the message lists the first few). */
  news: Finding[];
  resolved: number;
  /** The asset count change (0 when too small to mention). */
  assetDelta: number;
}

export function notableAssetDelta(s: SyncSummary): number {
  if (!s.previousInventory) return 0;
  const before = s.previousInventory.total;
  const delta = s.inventory.total - before;
  return Math.abs(delta) >= Math.max(ASSET_DELTA_MIN, Math.ceil(before * ASSET_DELTA_SHARE)) ? delta : 0;
}

const severe = (f: Finding) => f.severity === 'critical' || f.severity === 'high';

/** The message a scheduled sync deserves, or undefined for none. */
export function changeNotice(
  level: NotifyLevel,
  summary: SyncSummary,
  unannounced: Finding[],
): ChangeNotice | undefined {
  if (level === 'off') return undefined;
  if (level === 'critical') {
    const news = unannounced.filter(severe);
    return news.length > 0 ? { news, resolved: 0, assetDelta: 0 } : undefined;
  }
  const notice = {
    news: unannounced,
    resolved: summary.resolved.length,
    assetDelta: notableAssetDelta(summary),
  };
  if (level === 'all') return notice;
  return notice.news.length > 0 || notice.resolved > 0 || notice.assetDelta !== 0 ? notice : undefined;
}

/** Whether a status change (broken, recovered) is posted at this level. */
export function tellsStatus(level: NotifyLevel): boolean {
  return level !== 'off';
}
