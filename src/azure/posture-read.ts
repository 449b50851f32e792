/**
 * The properties the posture rules judge, read in bulk: Azure Resource Graph for the covered
 * types (1,000 rows a page), the sub-resources once per parent that needs them, and the
 * subscription-wide settings. Each resource goes to the sink as soon as it is complete and is
 * not kept. A part that cannot be read is reported as missing (the sync is partial), never
 * silently left out.
 */

import type { MissingPart, SyncPlan } from '../core/posture/plan';
import type { ChildKind, ResourceModel, SubscriptionFacts } from '../core/posture/rule';
import { resourceTypeName } from '../core/present/resource-types';
import type { ArmReader } from './arm-reader';
import { Limiter } from './limiter';

export interface PostureSink {
  resource(r: ResourceModel): void;
  subscription(facts: SubscriptionFacts): void;
}

/** Sub-resource reads in flight at once (they are most of a large sync's requests). */
const CHILD_CONCURRENCY = 16;

const CHILD: Record<ChildKind, { path: string; list: boolean; words: string }> = {
  firewallRules: { path: '/firewallRules', list: true, words: 'firewall rules' },
  auditingSettings: { path: '/auditingSettings/default', list: false, words: 'auditing settings' },
  administrators: { path: '/administrators', list: true, words: 'Entra ID administrators' },
  transparentDataEncryption: {
    path: '/transparentDataEncryption/current',
    list: false,
    words: 'encryption (TDE)',
  },
  configurations: { path: '/configurations', list: true, words: 'server parameters' },
  webConfig: { path: '/config/web', list: false, words: 'configuration' },
  blobService: { path: '/blobServices/default', list: false, words: 'blob service settings' },
  keys: { path: '/keys', list: true, words: 'keys' },
};

const API_VERSIONS: Record<string, string> = {
  'microsoft.sql': '2021-11-01',
  'microsoft.dbforpostgresql': '2022-12-01',
  'microsoft.dbformysql': '2023-12-30',
  'microsoft.web': '2023-12-01',
  'microsoft.storage': '2023-05-01',
  'microsoft.keyvault': '2023-07-01',
};
const RESOURCE_GRAPH_API = '2022-10-01';
const ACTIVITY_LOG_ALERTS = 'microsoft.insights/activitylogalerts';
const PRICINGS = 'microsoft.security/pricings';
const ROLE_DEFINITIONS = 'microsoft.authorization/roledefinitions';

const apiVersionOf = (type: string) => API_VERSIONS[type.split('/')[0] ?? ''] ?? '2023-01-01';

function statusOf(e: unknown): number | undefined {
  const s = (e as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

function detailOf(e: unknown): string {
  const status = statusOf(e);
  if (status) return `HTTP ${status}`;
  const name = (e as { name?: unknown } | undefined)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return 'timed out';
  if (name === 'ThrottledByAzure') return 'throttled';
  return 'could not be read';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** A Resource Graph row (or an ARM list item) as the rules' resource model. */
export function modelOf(row: unknown): ResourceModel | undefined {
  const r = obj(row);
  const id = str(r?.id);
  const type = str(r?.type);
  if (!r || !id || !type) return undefined;
  const group = str(r.resourceGroup) ?? /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
  // A role definition's name is a GUID; people know it by its roleName.
  const roleName =
    type.toLowerCase() === 'microsoft.authorization/roledefinitions'
      ? str(obj(r.properties)?.roleName)
      : undefined;
  return {
    id,
    name: roleName ?? str(r.name) ?? id.split('/').pop() ?? id,
    type,
    ...(str(r.location) ? { location: str(r.location) } : {}),
    ...(group ? { resourceGroup: group } : {}),
    ...(str(r.kind) ? { kind: str(r.kind) } : {}),
    ...(obj(r.sku) ? { sku: obj(r.sku) as ResourceModel['sku'] } : {}),
    ...(obj(r.identity) ? { identity: obj(r.identity) as ResourceModel['identity'] } : {}),
    ...(obj(r.tags) ? { tags: obj(r.tags) as Record<string, string> } : {}),
    properties: obj(r.properties) ?? {},
  };
}

export interface PostureReadOptions {
  subscriptionId: string;
  plan: SyncPlan;
  sink: PostureSink;
  /** The inventory's regions in use and the regions with a network watcher (lower-case). */
  regions: Promise<{ inUse: string[]; watchers: string[] } | undefined>;
  signal?: AbortSignal;
}

export async function readPosture(reader: ArmReader, o: PostureReadOptions): Promise<MissingPart[]> {
  const missing = new Map<string, MissingPart>();
  const miss = (key: string, m: MissingPart) => {
    if (!missing.has(key)) missing.set(key, m);
  };
  const limiter = new Limiter(CHILD_CONCURRENCY);
  const alerts: ResourceModel[] = [];
  const wantAlerts = o.plan.subscription;

  /** Reads the sub-resources a parent needs, then hands it to the sink. */
  const complete = async (model: ResourceModel): Promise<void> => {
    const kinds = o.plan.children[model.type.toLowerCase()] ?? [];
    if (kinds.length > 0) {
      const children: Partial<Record<ChildKind, unknown>> = {};
      await Promise.all(
        kinds.map((kind) =>
          limiter.run(async () => {
            const spec = CHILD[kind];
            const version = apiVersionOf(model.type.toLowerCase());
            try {
              children[kind] = spec.list
                ? await reader.list(`${model.id}${spec.path}`, version, o.signal)
                : await reader.get(`${model.id}${spec.path}`, version, o.signal);
            } catch (e) {
              // Absent is an answer (the rule decides what it means); anything else is missing.
              if (statusOf(e) === 404) return;
              const type = model.type.toLowerCase();
              miss(`child|${type}|${kind}`, {
                part: `${resourceTypeName(model.type)}: ${spec.words}`,
                detail: detailOf(e),
                children: [{ type, kind }],
              });
            }
          }),
        ),
      );
      model.children = children;
    }
    o.sink.resource(model);
  };

  const graph = async (): Promise<void> => {
    const types = [...o.plan.types.filter((t) => t !== PRICINGS && t !== ROLE_DEFINITIONS)];
    if (wantAlerts) types.push(ACTIVITY_LOG_ALERTS);
    if (types.length === 0) return;
    const query = `Resources | where type in~ (${types.map((t) => `'${t}'`).join(', ')}) | project id, name, type, location, resourceGroup, kind, sku, identity, tags, properties`;
    const page = (skipToken?: string) =>
      reader.post('/providers/Microsoft.ResourceGraph/resources', RESOURCE_GRAPH_API, {
        subscriptions: [o.subscriptionId],
        query,
        options: { $top: 1000, resultFormat: 'objectArray', ...(skipToken ? { $skipToken: skipToken } : {}) },
      });
    try {
      let next: Promise<unknown> | undefined = page();
      while (next) {
        const body = obj(await next);
        const token = str(body?.$skipToken);
        // The next page is read while this one's sub-resources are.
        next = token ? page(token) : undefined;
        const rows = Array.isArray(body?.data) ? body.data : [];
        const work: Promise<void>[] = [];
        for (const row of rows) {
          const model = modelOf(row);
          if (!model) continue;
          if (model.type.toLowerCase() === ACTIVITY_LOG_ALERTS) alerts.push(model);
          else work.push(complete(model));
        }
        await Promise.all(work);
      }
    } catch (e) {
      miss('graph', {
        part: 'resource properties (Azure Resource Graph)',
        detail: detailOf(e),
        types: o.plan.types,
        subscription: wantAlerts,
      });
    }
  };

  const listed = async (type: string, path: string, version: string, words: string): Promise<void> => {
    if (!o.plan.types.includes(type)) return;
    try {
      for (const item of await reader.list(path, version, o.signal)) {
        const model = modelOf(item);
        if (model) o.sink.resource(model);
      }
    } catch (e) {
      miss(type, { part: words, detail: detailOf(e), types: [type] });
    }
  };

  const settings = async (
    path: string,
    version: string,
    words: string,
  ): Promise<ResourceModel[] | undefined> => {
    try {
      return (await reader.list(path, version, o.signal)).map(modelOf).filter((m): m is ResourceModel => !!m);
    } catch (e) {
      miss(`sub|${path}`, { part: words, detail: detailOf(e), subscription: true });
      return undefined;
    }
  };

  const sub = `/subscriptions/${o.subscriptionId}`;
  const [, , , contacts, diagnostics] = await Promise.all([
    graph(),
    listed(PRICINGS, `${sub}/providers/Microsoft.Security/pricings`, '2024-01-01', 'Defender plans'),
    listed(
      ROLE_DEFINITIONS,
      `${sub}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent("type eq 'CustomRole'")}`,
      '2022-04-01',
      'custom role definitions',
    ),
    o.plan.subscription
      ? settings(
          `${sub}/providers/Microsoft.Security/securityContacts`,
          '2023-12-01-preview',
          'security contacts',
        )
      : Promise.resolve([]),
    o.plan.subscription
      ? settings(
          `${sub}/providers/Microsoft.Insights/diagnosticSettings`,
          '2021-05-01-preview',
          'activity log diagnostic settings',
        )
      : Promise.resolve([]),
  ]);

  if (o.plan.subscription) {
    const regions = await o.regions;
    const unread = !regions || !contacts || !diagnostics || missing.has('graph');
    if (!unread)
      o.sink.subscription({
        subscriptionId: o.subscriptionId,
        locationsInUse: regions.inUse,
        networkWatcherLocations: regions.watchers,
        activityLogAlerts: alerts,
        diagnosticSettings: diagnostics,
        securityContacts: contacts,
      });
  }
  return [...missing.values()];
}
