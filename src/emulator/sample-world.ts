/**
 * The sample world for tests, benchmarks and the demo: two tenants, a handful of apps and one
 * credential set per thing that can go wrong when connecting a subscription.
 */

import { generateResources } from './generate';
import { BUILTIN_ROLES } from './roles';
import { CREDENTIALS } from './sample-credentials';
import { APPS, CONTOSO, FABRIKAM, OTHER_PRINCIPAL, SUBSCRIPTIONS } from './sample-directory';
import {
  CUSTOM_ROLES,
  PLANTED,
  productionResources,
  productionSettings,
  WATCHED_REGIONS,
} from './sample-production';
import type { App, World } from './world';

const DAY_MS = 24 * 60 * 60 * 1000;
const PROD = SUBSCRIPTIONS.production.id;

export const SAMPLE = {
  tenants: { contoso: CONTOSO, fabrikam: FABRIKAM },
  subscriptions: SUBSCRIPTIONS,
  apps: APPS,
  credentials: CREDENTIALS,
  /**
   * Named resources in Contoso Production (names, ids, types, what is insecure), an insecure one and
   * a secure twin per story; see sample-production.ts.
   */
  planted: PLANTED,
  /** Contoso Production's custom roles (`breakGlass` allows `*`). */
  customRoles: CUSTOM_ROLES,
  /** The regions of Contoso Production that have a Network Watcher. */
  watchedRegions: WATCHED_REGIONS,
} as const;

function app(def: (typeof APPS)[keyof typeof APPS], now: number): App {
  return {
    tenantId: def.tenantId,
    appId: def.appId,
    principalId: def.principalId,
    displayName: def.displayName,
    graphReadAll: def.graphReadAll,
    secrets: def.secrets.map((s) => ({
      keyId: s.keyId,
      value: s.value,
      displayName: s.displayName,
      endDateTime: new Date(now + s.expiresInDays * DAY_MS).toISOString(),
      startDateTime: new Date(now + (s.expiresInDays - 365) * DAY_MS).toISOString(),
    })),
  };
}

/** A fresh copy of the sample world; secret expiry dates are relative to `now`. */
export function sampleWorld(now: number = Date.now()): World {
  const { reader, contributor, owner, tagWriter, storageBlobDataReader } = BUILTIN_ROLES;
  const resources = (s: typeof SUBSCRIPTIONS.development | typeof SUBSCRIPTIONS.fabrikam) =>
    generateResources({ subscriptionId: s.id, count: s.resourceCount, seed: s.seed, insecureRatio: 0.3 });
  return {
    tenants: [
      { id: CONTOSO.id, domains: [CONTOSO.domain, 'contoso.com'], displayName: CONTOSO.displayName },
      { id: FABRIKAM.id, domains: [FABRIKAM.domain], displayName: FABRIKAM.displayName },
    ],
    apps: Object.values(APPS).map((a) => app(a, now)),
    subscriptions: [
      {
        subscriptionId: PROD,
        tenantId: CONTOSO.id,
        displayName: SUBSCRIPTIONS.production.displayName,
        state: 'Enabled',
        roleAssignments: [
          { principalId: APPS.connector.principalId, roleDefinitionId: reader.id },
          { principalId: APPS.staging.principalId, roleDefinitionId: reader.id },
          { principalId: APPS.tagWriter.principalId, roleDefinitionId: tagWriter.id },
          { principalId: APPS.owner.principalId, roleDefinitionId: owner.id },
          { principalId: APPS.legacy.principalId, roleDefinitionId: reader.id },
          { principalId: APPS.noGraph.principalId, roleDefinitionId: reader.id },
          { principalId: APPS.blobReader.principalId, roleDefinitionId: storageBlobDataReader.id },
          { principalId: OTHER_PRINCIPAL, roleDefinitionId: contributor.id },
        ],
        resources: productionResources(),
        ...productionSettings(),
      },
      {
        subscriptionId: SUBSCRIPTIONS.development.id,
        tenantId: CONTOSO.id,
        displayName: SUBSCRIPTIONS.development.displayName,
        state: 'Enabled',
        roleAssignments: [
          { principalId: APPS.connector.principalId, roleDefinitionId: reader.id },
          { principalId: APPS.staging.principalId, roleDefinitionId: reader.id },
        ],
        resources: resources(SUBSCRIPTIONS.development),
      },
      {
        subscriptionId: SUBSCRIPTIONS.fabrikam.id,
        tenantId: FABRIKAM.id,
        displayName: SUBSCRIPTIONS.fabrikam.displayName,
        state: 'Enabled',
        roleAssignments: [{ principalId: APPS.fabrikam.principalId, roleDefinitionId: reader.id }],
        resources: resources(SUBSCRIPTIONS.fabrikam),
      },
    ],
  };
}
