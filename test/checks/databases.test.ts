import { rule as mysqlOpen } from '../../src/checks/mysql/mysql-firewall-allows-all-internet';
import { rule as mysqlTls } from '../../src/checks/mysql/mysql-require-secure-transport';
import { rule as pgAzureServices } from '../../src/checks/postgresql/postgresql-allow-azure-services';
import { rule as pgOpen } from '../../src/checks/postgresql/postgresql-firewall-allows-all-internet';
import { rule as pgTls } from '../../src/checks/postgresql/postgresql-require-secure-transport';
import { rule as sqlAuditing } from '../../src/checks/sql/sql-auditing-enabled';
import { rule as sqlTde } from '../../src/checks/sql/sql-database-tde-enabled';
import { rule as sqlEntraAdmin } from '../../src/checks/sql/sql-entra-admin-configured';
import { rule as sqlOpen } from '../../src/checks/sql/sql-firewall-allows-all-internet';
import { rule as sqlTls } from '../../src/checks/sql/sql-minimum-tls-version';
import type { ResourceModel } from '../../src/core/posture/rule';
import { configuration, firewallRule, judgeOne, reasonOf, resource, TYPES } from './fixtures';
import { describeResourceRules } from './rule-cases';

const sqlServer = (props: Record<string, unknown>, children?: ResourceModel['children']) =>
  resource(
    TYPES.sqlServer,
    'sql-prod-01',
    { publicNetworkAccess: 'Enabled', ...props },
    children ? { children } : {},
  );
const sqlDb = (name: string, children?: ResourceModel['children']) =>
  resource(TYPES.sqlDatabase, name, { status: 'Online' }, children ? { children } : {});
const pg = (children?: ResourceModel['children'], props: Record<string, unknown> = {}) =>
  resource(
    TYPES.postgres,
    'pg-orders',
    { network: { publicNetworkAccess: 'Enabled' }, ...props },
    children ? { children } : {},
  );
const mysql = (children?: ResourceModel['children'], props: Record<string, unknown> = {}) =>
  resource(
    TYPES.mysql,
    'mysql-shop',
    { network: { publicNetworkAccess: 'Enabled' }, ...props },
    children ? { children } : {},
  );

const officeRule = firewallRule('office', '203.0.113.0', '203.0.113.255');
const allowAll = firewallRule('AllowAll', '0.0.0.0', '255.255.255.255');
const azureServices = firewallRule('AllowAllWindowsAzureIps', '0.0.0.0', '0.0.0.0');

describeResourceRules([
  {
    rule: sqlOpen,
    pass: sqlServer({}, { firewallRules: [officeRule, azureServices] }),
    fail: sqlServer({}, { firewallRules: [officeRule, allowAll] }),
    reason: /firewall rule AllowAll allows 0\.0\.0\.0–255\.255\.255\.255, every internet address/,
  },
  {
    rule: sqlAuditing,
    pass: sqlServer({}, { auditingSettings: { properties: { state: 'Enabled', retentionDays: 90 } } }),
    fail: sqlServer({}, { auditingSettings: { properties: { state: 'Disabled' } } }),
    reason: /auditing state is Disabled/,
  },
  {
    rule: sqlTde,
    pass: sqlDb('orders', { transparentDataEncryption: { properties: { state: 'Enabled' } } }),
    fail: sqlDb('orders', { transparentDataEncryption: { properties: { state: 'Disabled' } } }),
    reason: /TDE state is Disabled/,
  },
  {
    rule: sqlEntraAdmin,
    pass: sqlServer(
      {},
      {
        administrators: [
          {
            name: 'ActiveDirectory',
            properties: {
              administratorType: 'ActiveDirectory',
              login: 'dba-group',
              sid: '11111111-2222-3333-4444-555555555555',
            },
          },
        ],
      },
    ),
    fail: sqlServer({}, { administrators: [] }),
    reason: /no Microsoft Entra ID administrator/,
  },
  {
    rule: sqlTls,
    pass: sqlServer({ minimalTlsVersion: '1.2' }),
    fail: sqlServer({ minimalTlsVersion: '1.0' }),
    reason: /minimalTlsVersion is 1\.0/,
  },
  {
    rule: pgTls,
    pass: pg({ configurations: [configuration('require_secure_transport', 'on')] }),
    fail: pg({ configurations: [configuration('require_secure_transport', 'off')] }),
    reason: /require_secure_transport is off/,
  },
  {
    rule: pgAzureServices,
    pass: pg({ firewallRules: [officeRule] }),
    fail: pg({ firewallRules: [officeRule, azureServices] }),
    reason: /firewall rule AllowAllWindowsAzureIps \(0\.0\.0\.0–0\.0\.0\.0\) admits every Azure service/,
  },
  {
    rule: pgOpen,
    pass: pg({ firewallRules: [officeRule, azureServices] }),
    fail: pg({ firewallRules: [allowAll] }),
    reason: /firewall rule AllowAll allows 0\.0\.0\.0–255\.255\.255\.255/,
  },
  {
    rule: mysqlTls,
    pass: mysql({ configurations: [configuration('require_secure_transport', 'ON')] }),
    fail: mysql({ configurations: [configuration('require_secure_transport', 'OFF')] }),
    reason: /require_secure_transport is OFF/,
  },
  {
    rule: mysqlOpen,
    pass: mysql({ firewallRules: [officeRule] }),
    fail: mysql({ firewallRules: [firewallRule('everyone', '0.0.0.0', '255.255.255.255')] }),
    reason: /firewall rule everyone allows/,
  },
]);

describe('database firewall rules', () => {
  it('fails SQL when several rules together cover the whole internet', () => {
    const halves = [
      firewallRule('low', '0.0.0.0', '127.255.255.255'),
      firewallRule('high', '128.0.0.0', '255.255.255.255'),
    ];
    expect(reasonOf(judgeOne(sqlOpen, sqlServer({}, { firewallRules: halves })))).toContain(
      'firewall rules low and high together allow every internet address',
    );
  });

  it('fails a range covering all public unicast space, passes a gap', () => {
    expect(
      judgeOne(
        sqlOpen,
        sqlServer({}, { firewallRules: [firewallRule('wide', '1.0.0.0', '223.255.255.255')] }),
      ).status,
    ).toBe('fail');
    const gap = [
      firewallRule('a', '0.0.0.0', '9.255.255.255'),
      firewallRule('b', '11.0.0.0', '255.255.255.255'),
    ];
    expect(judgeOne(sqlOpen, sqlServer({}, { firewallRules: gap })).status).toBe('pass');
  });

  it('treats "Allow Azure services" (0.0.0.0–0.0.0.0) alone as not the whole internet', () => {
    expect(judgeOne(sqlOpen, sqlServer({}, { firewallRules: [azureServices] })).status).toBe('pass');
  });

  it('passes when public network access is disabled (firewall rules do not apply)', () => {
    expect(
      judgeOne(sqlOpen, sqlServer({ publicNetworkAccess: 'Disabled' }, { firewallRules: [allowAll] })).status,
    ).toBe('pass');
    expect(
      judgeOne(
        pgAzureServices,
        pg({ firewallRules: [azureServices] }, { network: { publicNetworkAccess: 'Disabled' } }),
      ).status,
    ).toBe('pass');
    expect(
      judgeOne(
        mysqlOpen,
        mysql({ firewallRules: [allowAll] }, { network: { publicNetworkAccess: 'disabled' } }),
      ).status,
    ).toBe('pass');
  });

  it('is not applicable when the firewall rules were not read', () => {
    for (const [rule, server] of [
      [sqlOpen, sqlServer({})],
      [pgOpen, pg()],
      [pgAzureServices, pg()],
      [mysqlOpen, mysql()],
    ] as const) {
      expect(judgeOne(rule, server).status).toBe('not_applicable');
    }
  });

  it('passes an empty rule list and skips rules with unusable addresses', () => {
    expect(judgeOne(sqlOpen, sqlServer({}, { firewallRules: [] })).status).toBe('pass');
    const junk = [firewallRule('junk', '0.0.0.0', '999.0.0.1'), { name: 'nothing' }, null, 42];
    expect(judgeOne(sqlOpen, sqlServer({}, { firewallRules: junk })).status).toBe('pass');
  });

  it('accepts an ARM list envelope ({ value: [...] })', () => {
    expect(judgeOne(sqlOpen, sqlServer({}, { firewallRules: { value: [allowAll] } })).status).toBe('fail');
  });
});

describe('SQL sub-resources', () => {
  it('is not applicable to master and to databases whose TDE was not read', () => {
    expect(
      judgeOne(sqlTde, sqlDb('master', { transparentDataEncryption: { properties: { state: 'Disabled' } } }))
        .status,
    ).toBe('not_applicable');
    expect(judgeOne(sqlTde, sqlDb('orders')).status).toBe('not_applicable');
  });

  it('reads TDE and auditing as lists and in any case', () => {
    expect(
      judgeOne(
        sqlTde,
        sqlDb('orders', {
          transparentDataEncryption: [{ name: 'current', properties: { state: 'enabled' } }],
        }),
      ).status,
    ).toBe('pass');
    expect(
      judgeOne(
        sqlAuditing,
        sqlServer({}, { auditingSettings: { value: [{ properties: { state: 'ENABLED' } }] } }),
      ).status,
    ).toBe('pass');
  });

  it('fails auditing with no state', () => {
    expect(
      reasonOf(judgeOne(sqlAuditing, sqlServer({}, { auditingSettings: { properties: {} } }))),
    ).toContain('auditing state is not set');
  });

  it('is not applicable when auditing or administrators were not read', () => {
    expect(judgeOne(sqlAuditing, sqlServer({})).status).toBe('not_applicable');
    expect(judgeOne(sqlEntraAdmin, sqlServer({})).status).toBe('not_applicable');
  });

  it('accepts the Entra admin shown inline on the server', () => {
    const inline = sqlServer({
      administrators: { administratorType: 'ActiveDirectory', login: 'dba', sid: 'abc' },
    });
    expect(judgeOne(sqlEntraAdmin, inline).status).toBe('pass');
  });

  it('reads SQL TLS spellings and fails None or missing', () => {
    expect(judgeOne(sqlTls, sqlServer({ minimalTlsVersion: '1.3' })).status).toBe('pass');
    expect(reasonOf(judgeOne(sqlTls, sqlServer({ minimalTlsVersion: 'None' })))).toContain(
      'minimalTlsVersion is None',
    );
    expect(reasonOf(judgeOne(sqlTls, sqlServer({})))).toContain('minimalTlsVersion is not set');
  });
});

describe('server parameters', () => {
  it('is not applicable when configurations were not read or lack the parameter', () => {
    expect(judgeOne(pgTls, pg()).status).toBe('not_applicable');
    expect(
      judgeOne(mysqlTls, mysql({ configurations: [configuration('tls_version', 'TLSv1.2')] })).status,
    ).toBe('not_applicable');
  });

  it('matches parameter names and values case-insensitively', () => {
    expect(
      judgeOne(pgTls, pg({ configurations: [configuration('REQUIRE_SECURE_TRANSPORT', 'ON')] })).status,
    ).toBe('pass');
  });

  it('fails a parameter with no value', () => {
    const noValue = pg({ configurations: [{ name: 'require_secure_transport', properties: {} }] });
    expect(reasonOf(judgeOne(pgTls, noValue))).toContain('require_secure_transport is not set');
  });
});
