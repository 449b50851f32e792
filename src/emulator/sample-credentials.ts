/** The sample credential sets: one per outcome of connecting a subscription. */

import { APPS, CONTOSO, FABRIKAM, SUBSCRIPTIONS } from './sample-directory';

export interface SampleCredential {
  tenantId: string;
  subscriptionId: string;
  clientId: string;
  clientSecret: string;
  demonstrates: string;
}

const cred = (
  tenantId: string,
  subscriptionId: string,
  app: { appId: string },
  clientSecret: string,
  demonstrates: string,
): SampleCredential => ({ tenantId, subscriptionId, clientId: app.appId, clientSecret, demonstrates });

const PROD = SUBSCRIPTIONS.production.id;
const secretOf = (app: { secrets: readonly { value: string }[] }): string => app.secrets[0]?.value ?? '';

export const CREDENTIALS = {
  good: cred(
    CONTOSO.id,
    PROD,
    APPS.connector,
    secretOf(APPS.connector),
    'Reader, Graph access, secret valid ~200 days: connects, 137 assets',
  ),
  goodByDomain: cred(
    CONTOSO.domain,
    PROD,
    APPS.connector,
    secretOf(APPS.connector),
    'the good set with the tenant given as its domain',
  ),
  wrongSecret: cred(
    CONTOSO.id,
    PROD,
    APPS.connector,
    'Zuz8Q~iBOB-Y6sHrFH2ZUCr~-lgotu2iXW7GboIR',
    'wrong secret value: AADSTS7000215',
  ),
  expiringSoon: cred(
    CONTOSO.id,
    SUBSCRIPTIONS.development.id,
    APPS.staging,
    secretOf(APPS.staging),
    'Contoso Development (24 assets); secret expires in 5 days',
  ),
  noReader: cred(
    CONTOSO.id,
    PROD,
    APPS.noRole,
    secretOf(APPS.noRole),
    'no role on the subscription: 403 AuthorizationFailed',
  ),
  readlessRole: cred(
    CONTOSO.id,
    PROD,
    APPS.tagWriter,
    secretOf(APPS.tagWriter),
    'a role without */read: sees the subscription, cannot list resources',
  ),
  dataRoleOnly: cred(
    CONTOSO.id,
    PROD,
    APPS.blobReader,
    secretOf(APPS.blobReader),
    'only a data-plane role (Storage Blob Data Reader): no read access',
  ),
  owner: cred(
    CONTOSO.id,
    PROD,
    APPS.owner,
    secretOf(APPS.owner),
    'Owner: connects with a least-privilege warning',
  ),
  expiredSecret: cred(
    CONTOSO.id,
    PROD,
    APPS.legacy,
    secretOf(APPS.legacy),
    'secret expired 10 days ago: AADSTS7000222',
  ),
  noGraph: cred(
    CONTOSO.id,
    PROD,
    APPS.noGraph,
    secretOf(APPS.noGraph),
    'no Application.Read.All: Graph 403, expiry unknown',
  ),
  otherTenantSubscription: cred(
    CONTOSO.id,
    SUBSCRIPTIONS.fabrikam.id,
    APPS.connector,
    secretOf(APPS.connector),
    'subscription of another tenant: 401 InvalidAuthenticationTokenTenant',
  ),
  unknownSubscription: cred(
    CONTOSO.id,
    '8d116ece-1738-47d9-bd9c-172411e20b8f',
    APPS.connector,
    secretOf(APPS.connector),
    'no such subscription: 404 SubscriptionNotFound',
  ),
  unknownApp: cred(
    CONTOSO.id,
    PROD,
    { appId: '9a6ec2f5-ccc4-4903-8bcf-53a1bc10fa52' },
    '4Ab7Q~Q0FIunWe8Cz6SNDCdyZQJiJS~ZQdoHwHen',
    'no such app in the tenant: AADSTS700016',
  ),
  unknownTenant: cred(
    '382c043f-7cfc-4b79-b875-394ce5d6f6e6',
    PROD,
    APPS.connector,
    secretOf(APPS.connector),
    'no such tenant: AADSTS90002',
  ),
  fabrikam: cred(
    FABRIKAM.id,
    SUBSCRIPTIONS.fabrikam.id,
    APPS.fabrikam,
    secretOf(APPS.fabrikam),
    "Fabrikam's own connector: connects, 40 assets",
  ),
} as const satisfies Record<string, SampleCredential>;
