import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/** Fails on `adminUserEnabled: true`. Missing passes: the admin user is off unless enabled. */
export const rule: ResourceRule = {
  id: 'containerregistry-admin-user-disabled',
  title: 'Container registries have the admin user disabled',
  severity: 'high',
  cis: [],
  rationale:
    'The registry admin user is one shared username and password with push and pull rights on everything. Individual Entra identities or scoped tokens can be audited and revoked.',
  remediation: {
    portal: [
      'Open the container registry in the Azure portal.',
      'Under Settings, select Access keys.',
      'Clear the "Admin user" checkbox.',
    ],
    cli: 'az acr update --name <registry> --admin-enabled false',
  },
  scope: 'resource',
  resourceType: 'Microsoft.ContainerRegistry/registries',
  evaluate(registry) {
    if (asBool(prop(registry, 'adminUserEnabled')) !== true) return pass();
    return fail(`Container registry ${nameOf(registry)} has the shared admin user enabled.`);
  },
};
