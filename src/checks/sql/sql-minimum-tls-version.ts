import type { ResourceRule } from '../../core/posture/rule';
import { nameOf, prop, shown, tlsVersion } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/**
 * Passes on `minimalTlsVersion` 1.2 or later. `None` and missing fail: the server then accepts
 * any TLS version its gateway supports.
 */
export const rule: ResourceRule = {
  id: 'sql-minimum-tls-version',
  title: 'SQL servers require TLS 1.2 or later',
  severity: 'medium',
  cis: [],
  rationale:
    'Older TLS versions have known weaknesses. Setting a minimum of 1.2 stops clients from connecting with a weak protocol.',
  remediation: {
    portal: [
      'Open the SQL server in the Azure portal.',
      'Under Security, select Networking, then the Connectivity tab.',
      'Set "Minimum TLS version" to 1.2 and select Save.',
    ],
    cli: 'az sql server update --resource-group <group> --name <server> --minimal-tls-version 1.2',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Sql/servers',
  evaluate(server) {
    const value = prop(server, 'minimalTlsVersion');
    if ((tlsVersion(value) ?? 0) >= 1.2) return pass();
    return fail(
      `SQL server ${nameOf(server)} accepts TLS older than 1.2 (minimalTlsVersion is ${shown(value)}).`,
    );
  },
};
