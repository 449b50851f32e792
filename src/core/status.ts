import type { Connection } from './connection';
import { echo, expiryText, relativeTime } from './format';
import type { Store } from './store-port';
import type { StatusRow, StatusView } from './views';

export function statusRow(c: Connection, now: Date): StatusRow {
  return {
    name: c.name,
    status: c.status === 'active' ? 'Active' : 'Error',
    ...(c.statusReason ? { statusReason: c.statusReason } : {}),
    subscriptionName: c.subscriptionName,
    subscriptionId: c.subscriptionId,
    assets: c.inventory?.total,
    lastSync: relativeTime(c.lastSyncAt, now),
    secretExpiry: expiryText(c.secretExpiresOn, now),
  };
}

/** `status [name]`: the workspace's connections, and only its own (SPEC 1.5, 1.6). */
export async function workspaceStatus(
  store: Store,
  workspaceId: string,
  now: Date,
  name?: string,
): Promise<StatusView & { notFound?: string }> {
  if (name) {
    const c = await store.findConnectionByName(workspaceId, name);
    return c ? { rows: [statusRow(c, now)] } : { rows: [], notFound: echo(name) };
  }
  const all = await store.listConnections(workspaceId);
  return { rows: all.map((c) => statusRow(c, now)) };
}
