import { rule as ftp } from '../../src/checks/appservice/appservice-ftp-disabled';
import { rule as httpsOnly } from '../../src/checks/appservice/appservice-https-only';
import { rule as identity } from '../../src/checks/appservice/appservice-managed-identity';
import { rule as minTls } from '../../src/checks/appservice/appservice-minimum-tls-version';
import type { ResourceModel } from '../../src/core/posture/rule';
import { judgeOne, resource, TYPES } from './fixtures';
import { describeResourceRules } from './rule-cases';

const site = (props: Record<string, unknown>, extra: Partial<ResourceModel> = {}) =>
  resource(TYPES.webApp, 'app-portal', { siteConfig: null, ...props }, { kind: 'app', ...extra });
const withConfig = (config: Record<string, unknown>) =>
  site({}, { children: { webConfig: { properties: config } } });

describeResourceRules([
  {
    rule: httpsOnly,
    pass: site({ httpsOnly: true }),
    fail: site({ httpsOnly: false }),
    reason: /httpsOnly is not true/,
  },
  {
    rule: minTls,
    pass: withConfig({ minTlsVersion: '1.2' }),
    fail: withConfig({ minTlsVersion: '1.0' }),
    reason: /minTlsVersion is 1\.0/,
  },
  {
    rule: ftp,
    pass: withConfig({ ftpsState: 'FtpsOnly' }),
    fail: withConfig({ ftpsState: 'AllAllowed' }),
    reason: /ftpsState is AllAllowed/,
  },
  {
    rule: identity,
    pass: site({}, { identity: { type: 'SystemAssigned', principalId: 'p' } }),
    fail: site({}, { identity: { type: 'None' } }),
    reason: /no managed identity/,
  },
]);

describe('app service edge cases', () => {
  it('is not applicable when the web config was not read', () => {
    expect(judgeOne(minTls, site({})).status).toBe('not_applicable');
    expect(judgeOne(ftp, site({})).status).toBe('not_applicable');
  });

  it('falls back to an inline siteConfig carrying the setting', () => {
    expect(judgeOne(ftp, site({ siteConfig: { ftpsState: 'Disabled' } })).status).toBe('pass');
    expect(judgeOne(minTls, site({ siteConfig: { minTlsVersion: '1.1' } })).status).toBe('fail');
  });

  it('passes a config without minTlsVersion (platform default 1.2) and fails one without ftpsState', () => {
    expect(judgeOne(minTls, withConfig({})).status).toBe('pass');
    expect(judgeOne(ftp, withConfig({})).status).toBe('fail');
  });

  it('reads values in any case', () => {
    expect(judgeOne(ftp, withConfig({ ftpsState: 'disabled' })).status).toBe('pass');
    expect(judgeOne(minTls, withConfig({ minTlsVersion: '1.3' })).status).toBe('pass');
    expect(judgeOne(identity, site({}, { identity: { type: 'SystemAssigned, UserAssigned' } })).status).toBe(
      'pass',
    );
  });

  it('fails a site without identity or httpsOnly', () => {
    expect(judgeOne(identity, site({})).status).toBe('fail');
    expect(judgeOne(httpsOnly, site({})).status).toBe('fail');
  });
});
