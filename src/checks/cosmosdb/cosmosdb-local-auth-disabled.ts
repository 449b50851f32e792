import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/** Passes on `disableLocalAuth: true`. Missing fails: account keys then work. */
export const rule: ResourceRule = {
  id: 'cosmosdb-local-auth-disabled',
  title: 'Cosmos DB accounts accept only Microsoft Entra ID authentication',
  severity: 'high',
  cis: ['CIS 2.1 4.5.3', 'CIS 3.0 5.4.3'],
  rationale:
    'Cosmos DB primary keys grant full data access, never expire and cannot be traced to a person. Disabling key-based authentication forces Entra ID identities and role assignments.',
  remediation: {
    portal: [
      'Move every client of the account to Microsoft Entra ID (managed identity or service principal) with Cosmos DB data-plane roles.',
      'Open the Cosmos DB account in the Azure portal and check under Settings > Keys that nothing still relies on them.',
      'Disable key-based authentication with the command below (the portal has no switch for it).',
    ],
    cli: 'az resource update --resource-group <group> --name <account> --resource-type Microsoft.DocumentDB/databaseAccounts --set properties.disableLocalAuth=true',
  },
  scope: 'resource',
  resourceType: 'Microsoft.DocumentDB/databaseAccounts',
  evaluate(account) {
    if (asBool(prop(account, 'disableLocalAuth')) === true) return pass();
    return fail(`Cosmos DB account ${nameOf(account)} accepts account keys (disableLocalAuth is not true).`);
  },
};
