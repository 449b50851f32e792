import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/** Passes on `httpsOnly: true`. Missing fails: App Service serves plain HTTP unless told not to. */
export const rule: ResourceRule = {
  id: 'appservice-https-only',
  title: 'App Service apps redirect HTTP to HTTPS',
  severity: 'high',
  cis: ['CIS 2.1 9.2', 'CIS 3.0 9.1'],
  rationale:
    'An app that answers plain HTTP sends cookies, tokens and form data unencrypted. HTTPS Only redirects every request to the encrypted endpoint.',
  remediation: {
    portal: [
      'Open the app in the Azure portal.',
      'Under Settings, select Configuration, then the General settings tab.',
      'Set "HTTPS Only" to On and select Save.',
    ],
    cli: 'az webapp update --resource-group <group> --name <app> --https-only true',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Web/sites',
  evaluate(site) {
    if (asBool(prop(site, 'httpsOnly')) === true) return pass();
    return fail(`App ${nameOf(site)} still serves plain HTTP (httpsOnly is not true).`);
  },
};
