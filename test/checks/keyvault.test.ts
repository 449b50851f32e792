import { rule as keyExpiration } from '../../src/checks/keyvault/keyvault-key-expiration';
import { rule as privateEndpoint } from '../../src/checks/keyvault/keyvault-private-endpoint';
import { rule as rbac } from '../../src/checks/keyvault/keyvault-rbac-authorization';
import { rule as recoverable } from '../../src/checks/keyvault/keyvault-recoverable';
import { judgeOne, reasonOf, resource, TYPES } from './fixtures';
import { describeResourceRules } from './rule-cases';

const vault = (props: Record<string, unknown>, extra = {}) =>
  resource(TYPES.keyVault, 'kv-payments', props, extra);
const key = (name: string, attributes: Record<string, unknown>) => ({
  name,
  properties: { attributes, kty: 'RSA' },
});
const endpoint = (status: string) => ({
  id: 'pe-1',
  properties: { privateEndpoint: { id: 'x' }, privateLinkServiceConnectionState: { status } },
});

describeResourceRules([
  {
    rule: recoverable,
    pass: vault({ enableSoftDelete: true, enablePurgeProtection: true }),
    fail: vault({ enableSoftDelete: true }),
    reason: /purge protection turned off/,
  },
  {
    rule: rbac,
    pass: vault({ enableRbacAuthorization: true }),
    fail: vault({ enableRbacAuthorization: false, accessPolicies: [] }),
    reason: /access policies instead of Azure RBAC/,
  },
  {
    rule: privateEndpoint,
    pass: vault({ privateEndpointConnections: [endpoint('Approved')] }),
    fail: vault({ privateEndpointConnections: [] }),
    reason: /no approved private endpoint/,
  },
  {
    rule: keyExpiration,
    pass: vault({}, { children: { keys: [key('signing', { enabled: true, exp: 1767225600 })] } }),
    fail: vault(
      {},
      {
        children: {
          keys: [key('signing', { enabled: true, exp: 1767225600 }), key('backup', { enabled: true })],
        },
      },
    ),
    reason: /key without an expiration date: backup/,
  },
]);

describe('key vault edge cases', () => {
  it('counts missing soft delete as on (enforced by Azure) and missing purge protection as off', () => {
    expect(judgeOne(recoverable, vault({ enablePurgeProtection: true })).status).toBe('pass');
    expect(reasonOf(judgeOne(recoverable, vault({ enableSoftDelete: false })))).toContain(
      'soft delete and purge protection turned off',
    );
  });

  it('ignores rejected or pending private endpoint connections', () => {
    expect(
      judgeOne(
        privateEndpoint,
        vault({ privateEndpointConnections: [endpoint('Rejected'), endpoint('pending')] }),
      ).status,
    ).toBe('fail');
    expect(judgeOne(privateEndpoint, vault({ privateEndpointConnections: [{ id: 'pe' }] })).status).toBe(
      'pass',
    );
  });

  it('skips disabled keys, passes a vault without keys, and is not applicable when keys were not read', () => {
    expect(
      judgeOne(keyExpiration, vault({}, { children: { keys: [key('old', { enabled: false })] } })).status,
    ).toBe('pass');
    expect(judgeOne(keyExpiration, vault({}, { children: { keys: [] } })).status).toBe('pass');
    expect(judgeOne(keyExpiration, vault({})).status).toBe('not_applicable');
  });

  it('lists at most three key names', () => {
    const keys = ['a', 'b', 'c', 'd', 'e'].map((n) => key(n, {}));
    expect(reasonOf(judgeOne(keyExpiration, vault({}, { children: { keys } })))).toBe(
      'Key vault kv-payments has keys without an expiration date: a, b, c and 2 more.',
    );
  });
});
