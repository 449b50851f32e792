import type { ResourceRule } from '../../core/posture/rule';
import { field, nameOf, shown, tlsVersion } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';
import { siteConfig } from '../lib/web-config';

/**
 * Reads `minTlsVersion` from the site config. A config without the property passes (App Service's
 * default minimum is 1.2); a value that is not 1.2 or later fails. Not applicable when the config
 * was not read.
 */
export const rule: ResourceRule = {
  id: 'appservice-minimum-tls-version',
  title: 'App Service apps require TLS 1.2 or later',
  severity: 'medium',
  cis: ['CIS 2.1 9.3', 'CIS 3.0 9.4'],
  rationale:
    'TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by modern clients. Requiring 1.2 keeps connections to the app on a strong protocol.',
  remediation: {
    portal: [
      'Open the app in the Azure portal.',
      'Under Settings, select Configuration, then the General settings tab.',
      'Set "Minimum Inbound TLS Version" to 1.2 or higher and select Save.',
    ],
    cli: 'az webapp config set --resource-group <group> --name <app> --min-tls-version 1.2',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Web/sites',
  needs: ['webConfig'],
  evaluate(site) {
    const config = siteConfig(site, 'minTlsVersion');
    if (config === undefined) return notApplicable();
    const value = field(config, 'minTlsVersion');
    if (value === undefined || value === null || (tlsVersion(value) ?? 0) >= 1.2) return pass();
    return fail(`App ${nameOf(site)} accepts TLS older than 1.2 (minTlsVersion is ${shown(value)}).`);
  },
};
