import type { ResourceRule } from '../../core/posture/rule';
import { eqi, field, nameOf, shown } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';
import { siteConfig } from '../lib/web-config';

/**
 * Reads `ftpsState` from the site config: FtpsOnly or Disabled pass. Missing fails (the platform
 * default is AllAllowed). Not applicable when the config was not read.
 */
export const rule: ResourceRule = {
  id: 'appservice-ftp-disabled',
  title: 'App Service apps do not accept plain FTP deployments',
  severity: 'high',
  cis: ['CIS 2.1 9.9', 'CIS 3.0 9.3'],
  rationale:
    'Plain FTP sends deployment credentials and code unencrypted. Disable FTP, or allow FTPS only, and deploy with an authenticated pipeline.',
  remediation: {
    portal: [
      'Open the app in the Azure portal.',
      'Under Settings, select Configuration, then the General settings tab.',
      'Set "FTP state" to "Disabled" (or "FTPS only") and select Save.',
    ],
    cli: 'az webapp config set --resource-group <group> --name <app> --ftps-state Disabled',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Web/sites',
  needs: ['webConfig'],
  evaluate(site) {
    const config = siteConfig(site, 'ftpsState');
    if (config === undefined) return notApplicable();
    const value = field(config, 'ftpsState');
    if (eqi(value, 'FtpsOnly', 'Disabled')) return pass();
    return fail(`App ${nameOf(site)} accepts unencrypted FTP deployments (ftpsState is ${shown(value)}).`);
  },
};
