import type { ResourceRule } from '../../core/posture/rule';
import { nameOf, shown } from '../lib/props';
import { isOn, serverParameter } from '../lib/server-parameters';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Reads the `require_secure_transport` server parameter. Not applicable when the parameters were
 * not read or the list lacks this one (no guessing); any value other than ON fails.
 */
export const rule: ResourceRule = {
  id: 'postgresql-require-secure-transport',
  title: 'PostgreSQL flexible servers require encrypted (TLS) connections',
  severity: 'high',
  cis: ['CIS 2.1 4.3.1', 'CIS 3.0 5.2.1', 'CIS 3.0 5.3.1'],
  rationale:
    'Without require_secure_transport, clients may connect in clear text and expose credentials and query results to anyone on the network path.',
  remediation: {
    portal: [
      'Open the Azure Database for PostgreSQL flexible server in the Azure portal.',
      'Under Settings, select Server parameters.',
      'Set require_secure_transport to ON and select Save.',
    ],
    cli: 'az postgres flexible-server parameter set --resource-group <group> --server-name <server> --name require_secure_transport --value on',
  },
  scope: 'resource',
  resourceType: 'Microsoft.DBforPostgreSQL/flexibleServers',
  needs: ['configurations'],
  evaluate(server) {
    const parameter = serverParameter(server, 'require_secure_transport');
    if (!parameter.read || !parameter.found) return notApplicable();
    if (isOn(parameter.value)) return pass();
    return fail(
      `PostgreSQL server ${nameOf(server)} accepts unencrypted connections (require_secure_transport is ${shown(parameter.value)}).`,
    );
  },
};
