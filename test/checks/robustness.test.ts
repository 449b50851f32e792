import fc from 'fast-check';
import { RULES } from '../../src/checks';
import type { ResourceModel, Rule, SubscriptionFacts, Verdict } from '../../src/core/posture/rule';
import { facts, resource } from './fixtures';

/** Anything JSON can carry, plus the odd non-JSON value a buggy adapter could hand over. */
const garbage = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, '', '   ', [], {}, [null], {
    properties: null,
  }),
);

/** Objects whose keys are the ones rules read, with garbage values, so the deep paths are exercised. */
const KEYS = [
  'properties',
  'name',
  'value',
  'state',
  'enabled',
  'access',
  'direction',
  'priority',
  'protocol',
  'sourceAddressPrefix',
  'sourceAddressPrefixes',
  'destinationPortRange',
  'destinationPortRanges',
  'destinationAddressPrefix',
  'securityRules',
  'defaultSecurityRules',
  'startIpAddress',
  'endIpAddress',
  'networkAcls',
  'defaultAction',
  'bypass',
  'keyPolicy',
  'keyExpirationPeriodInDays',
  'encryption',
  'publicNetworkAccess',
  'network',
  'minimumTlsVersion',
  'minimalTlsVersion',
  'minTlsVersion',
  'ftpsState',
  'attributes',
  'exp',
  'privateEndpointConnections',
  'privateLinkServiceConnectionState',
  'status',
  'ipRules',
  'ipAddressOrRange',
  'storageProfile',
  'osDisk',
  'osType',
  'osProfile',
  'linuxConfiguration',
  'disablePasswordAuthentication',
  'managedDisk',
  'dataDisks',
  'pricingTier',
  'deprecated',
  'type',
  'permissions',
  'actions',
  'assignableScopes',
  'roleName',
  'condition',
  'allOf',
  'anyOf',
  'field',
  'equals',
  'containsAny',
  'scopes',
  'logs',
  'workspaceId',
  'alertNotifications',
  'notificationsSources',
  'sourceType',
  'minimalSeverity',
  'isEnabled',
  'administrators',
  'login',
  'sid',
  'containerDeleteRetentionPolicy',
  'deleteRetentionPolicy',
  'siteConfig',
  'allowBlobPublicAccess',
  'supportsHttpsTrafficOnly',
];
const shaped: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    garbage,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 6 }),
  ),
})).node;

function isVerdict(v: Verdict): boolean {
  if (v.status === 'pass' || v.status === 'not_applicable') return Object.keys(v).length === 1;
  return v.status === 'fail' && typeof v.reason === 'string' && v.reason.length > 0 && v.reason.length < 200;
}

function run(rule: Rule, input: unknown): Verdict {
  return rule.scope === 'resource'
    ? rule.evaluate(input as ResourceModel)
    : rule.evaluate(input as SubscriptionFacts);
}

function resourceFrom(
  rule: Rule,
  props: unknown,
  children: unknown,
  name: unknown,
  identity: unknown,
): ResourceModel {
  const base = resource(rule.resourceType, 'res', {});
  return { ...base, name, properties: props, children, identity } as unknown as ResourceModel;
}

describe('rules never throw, whatever the input', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    fc.assert(
      fc.property(shaped, shaped, shaped, shaped, (a, b, c, d) => {
        const input =
          rule.scope === 'resource'
            ? resourceFrom(rule, a, b, c, d)
            : ({
                ...facts(),
                subscriptionId: c,
                locationsInUse: a,
                networkWatcherLocations: b,
                activityLogAlerts: a,
                diagnosticSettings: b,
                securityContacts: d,
              } as unknown);
        expect(isVerdict(run(rule, input))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s: handles a bare or broken envelope', (_id, rule) => {
    for (const input of [
      {},
      { properties: null },
      { properties: 'x', children: 'y' },
      { properties: [], children: [], name: 42 },
      {
        properties: { properties: { properties: {} } },
        children: { firewallRules: [{}], configurations: [{}] },
      },
    ]) {
      expect(isVerdict(run(rule, input))).toBe(true);
    }
  });
});
