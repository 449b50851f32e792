import { rule as blobSoftDelete } from '../../src/checks/storage/storage-blob-soft-delete';
import { rule as crossTenant } from '../../src/checks/storage/storage-cross-tenant-replication';
import { rule as defaultAction } from '../../src/checks/storage/storage-default-network-action-deny';
import { rule as geoRedundancy } from '../../src/checks/storage/storage-geo-redundancy';
import { rule as infraEncryption } from '../../src/checks/storage/storage-infrastructure-encryption';
import { rule as keyExpiration } from '../../src/checks/storage/storage-key-expiration-policy';
import { rule as minTls } from '../../src/checks/storage/storage-minimum-tls-version';
import { rule as publicBlob } from '../../src/checks/storage/storage-public-blob-access';
import { rule as publicNetwork } from '../../src/checks/storage/storage-public-network-access';
import { rule as secureTransfer } from '../../src/checks/storage/storage-secure-transfer-required';
import { rule as sharedKey } from '../../src/checks/storage/storage-shared-key-access';
import { rule as trustedServices } from '../../src/checks/storage/storage-trusted-services-bypass';
import type { ResourceModel } from '../../src/core/posture/rule';
import { judgeOne, reasonOf, resource, TYPES } from './fixtures';
import { describeResourceRules } from './rule-cases';

const account = (props: Record<string, unknown>, extra = {}) =>
  resource(TYPES.storage, 'stdata01', props, extra);

describeResourceRules([
  {
    rule: geoRedundancy,
    pass: account({}, { sku: { name: 'Standard_RAGZRS', tier: 'Standard' } }),
    fail: account({}, { sku: { name: 'standard_lrs', tier: 'Standard' } }),
    reason: /one region \(SKU standard_lrs\)/,
  },
  {
    rule: publicBlob,
    pass: account({ allowBlobPublicAccess: false }),
    fail: account({ allowBlobPublicAccess: true }),
    reason: /allowBlobPublicAccess is true/,
  },
  {
    rule: secureTransfer,
    pass: account({ supportsHttpsTrafficOnly: true }),
    fail: account({ supportsHttpsTrafficOnly: false }),
    reason: /supportsHttpsTrafficOnly is false/,
  },
  {
    rule: minTls,
    pass: account({ minimumTlsVersion: 'TLS1_2' }),
    fail: account({ minimumTlsVersion: 'TLS1_0' }),
    reason: /minimumTlsVersion is TLS1_0/,
  },
  {
    rule: publicNetwork,
    pass: account({ publicNetworkAccess: 'Disabled' }),
    fail: account({ publicNetworkAccess: 'Enabled' }),
    reason: /publicNetworkAccess is Enabled/,
  },
  {
    rule: defaultAction,
    pass: account({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Deny' } }),
    fail: account({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' } }),
    reason: /networkAcls.defaultAction is Allow/,
  },
  {
    rule: trustedServices,
    pass: account({ networkAcls: { bypass: 'Logging, Metrics, AzureServices', defaultAction: 'Deny' } }),
    fail: account({ networkAcls: { bypass: 'None', defaultAction: 'Deny' } }),
    reason: /networkAcls.bypass is None/,
  },
  {
    rule: sharedKey,
    pass: account({ allowSharedKeyAccess: false }),
    fail: account({ allowSharedKeyAccess: true }),
    reason: /allowSharedKeyAccess is true/,
  },
  {
    rule: crossTenant,
    pass: account({ allowCrossTenantReplication: false }),
    fail: account({ allowCrossTenantReplication: true }),
    reason: /allowCrossTenantReplication is true/,
  },
  {
    rule: keyExpiration,
    pass: account({ keyPolicy: { keyExpirationPeriodInDays: 90 } }),
    fail: account({ keyPolicy: { keyExpirationPeriodInDays: 365 } }),
    reason: /365 days/,
  },
  {
    rule: infraEncryption,
    pass: account({ encryption: { requireInfrastructureEncryption: true, keySource: 'Microsoft.Storage' } }),
    fail: account({ encryption: { requireInfrastructureEncryption: false } }),
    reason: /infrastructure \(double\) encryption/,
  },
  {
    rule: blobSoftDelete,
    pass: account(
      {},
      {
        children: {
          blobService: {
            properties: {
              containerDeleteRetentionPolicy: { enabled: true, days: 7 },
              deleteRetentionPolicy: { enabled: true, days: 7 },
            },
          },
        },
      },
    ),
    fail: account(
      {},
      {
        children: {
          blobService: {
            properties: {
              containerDeleteRetentionPolicy: { enabled: false },
              deleteRetentionPolicy: { enabled: true, days: 7 },
            },
          },
        },
      },
    ),
    reason: /container soft delete turned off/,
  },
]);

describe('storage rules: what a missing property means', () => {
  const bare = account({});

  it.each([
    [publicBlob, 'fail'],
    [secureTransfer, 'pass'],
    [minTls, 'fail'],
    [publicNetwork, 'fail'],
    [defaultAction, 'fail'],
    [trustedServices, 'pass'],
    [sharedKey, 'fail'],
    [crossTenant, 'fail'],
    [keyExpiration, 'fail'],
    [infraEncryption, 'fail'],
    [blobSoftDelete, 'not_applicable'],
  ] as const)('%#: missing property gives the documented verdict', (rule, status) => {
    expect(judgeOne(rule, bare).status).toBe(status);
  });

  it('names a missing property as "not set"', () => {
    expect(reasonOf(judgeOne(publicBlob, bare))).toContain('allowBlobPublicAccess is not set');
  });
});

describe('storage rules: spellings and edge cases', () => {
  it('compares enum values case-insensitively', () => {
    expect(judgeOne(publicNetwork, account({ publicNetworkAccess: 'disabled' })).status).toBe('pass');
    expect(judgeOne(defaultAction, account({ networkAcls: { defaultAction: 'DENY' } })).status).toBe('pass');
    expect(judgeOne(minTls, account({ minimumTlsVersion: 'tls1_2' })).status).toBe('pass');
    expect(judgeOne(minTls, account({ minimumTlsVersion: 'TLS1_3' })).status).toBe('pass');
    expect(judgeOne(trustedServices, account({ networkAcls: { bypass: 'azureservices' } })).status).toBe(
      'pass',
    );
  });

  it('reads boolean-looking strings', () => {
    expect(judgeOne(publicBlob, account({ allowBlobPublicAccess: 'False' })).status).toBe('pass');
    expect(judgeOne(secureTransfer, account({ supportsHttpsTrafficOnly: 'false' })).status).toBe('fail');
  });

  it('reads properties whose key differs in case', () => {
    expect(judgeOne(publicBlob, account({ AllowBlobPublicAccess: false })).status).toBe('pass');
  });

  it('treats an account with public network access disabled as denying by default', () => {
    expect(
      judgeOne(
        defaultAction,
        account({ publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Allow' } }),
      ).status,
    ).toBe('pass');
  });

  it('accepts SecuredByPerimeter as closed to the public', () => {
    expect(judgeOne(publicNetwork, account({ publicNetworkAccess: 'SecuredByPerimeter' })).status).toBe(
      'pass',
    );
  });

  it('fails a key policy of zero days and reports a missing policy', () => {
    expect(judgeOne(keyExpiration, account({ keyPolicy: { keyExpirationPeriodInDays: 0 } })).status).toBe(
      'fail',
    );
    expect(reasonOf(judgeOne(keyExpiration, account({})))).toContain('no key expiration policy');
  });

  it('names both soft-delete policies when both are off', () => {
    const both = account({}, { children: { blobService: { properties: {} } } });
    expect(reasonOf(judgeOne(blobSoftDelete, both))).toContain('container and blob soft delete');
  });

  it('is not applicable when the blob service child is null', () => {
    expect(judgeOne(blobSoftDelete, account({}, { children: { blobService: null } })).status).toBe(
      'not_applicable',
    );
  });
});

describe('storage geo-redundancy (informational)', () => {
  const judge = (sku: unknown) => geoRedundancy.evaluate(account({}, { sku } as Partial<ResourceModel>));
  it('passes every geo-redundant SKU and fails local or zone redundancy', () => {
    for (const name of ['Standard_GRS', 'Standard_RAGRS', 'Standard_GZRS', 'Standard_RAGZRS'])
      expect(judge({ name })).toEqual({ status: 'pass' });
    for (const name of ['Standard_LRS', 'Standard_ZRS']) expect(judge({ name }).status).toBe('fail');
  });
  it('does not judge premium accounts (they cannot be geo-redundant) or an account without a SKU', () => {
    expect(judge({ name: 'Premium_LRS' })).toEqual({ status: 'not_applicable' });
    expect(judge(undefined)).toEqual({ status: 'not_applicable' });
    expect(judge({ name: 42 })).toEqual({ status: 'not_applicable' });
  });
});
