import type { ResourceRule } from '../../core/posture/rule';
import { asBool, asString, eqi, field, lastSegment, prop, shown } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/** The plans we expect on Standard, by pricing `name` (lower-case), with the name users know. */
const IMPORTANT_PLANS = new Map<string, string>([
  ['virtualmachines', 'Defender for Servers'],
  ['appservices', 'Defender for App Service'],
  ['sqlservers', 'Defender for Azure SQL Databases'],
  ['sqlservervirtualmachines', 'Defender for SQL servers on machines'],
  ['opensourcerelationaldatabases', 'Defender for open-source relational databases'],
  ['cosmosdbs', 'Defender for Azure Cosmos DB'],
  ['storageaccounts', 'Defender for Storage'],
  ['keyvaults', 'Defender for Key Vault'],
  ['arm', 'Defender for Resource Manager'],
  ['containers', 'Defender for Containers'],
]);

/**
 * Judges each `Microsoft.Security/pricings` resource by its name. Important plans need
 * `pricingTier` Standard (missing means Free); other plans (Dns, Api, CloudPosture, ...) and plans
 * marked `deprecated` (KubernetesService, ContainerRegistry) are not applicable.
 */
export const rule: ResourceRule = {
  id: 'defender-plan-standard-tier',
  title: 'Microsoft Defender for Cloud plans are on the Standard tier',
  severity: 'high',
  cis: ['CIS 2.1 2.1.1', 'CIS 3.0 3.1.3.1', 'CIS 4.0 9.1.3.1'],
  rationale:
    'On the Free tier Defender for Cloud only gives recommendations. The Standard tier adds threat detection and alerts for servers, databases, storage, Key Vault, containers, App Service and Resource Manager.',
  remediation: {
    portal: [
      'In the Azure portal, open Microsoft Defender for Cloud and select Environment settings.',
      'Select the subscription, then Defender plans.',
      'Turn the plan On and select Save.',
    ],
    cli: 'az security pricing create --name <plan> --tier standard',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Security/pricings',
  evaluate(pricing) {
    const name = asString(field(pricing, 'name'));
    if (name === undefined) return notApplicable();
    const plan = lastSegment(name);
    const label = IMPORTANT_PLANS.get(plan.toLowerCase());
    if (label === undefined || asBool(prop(pricing, 'deprecated')) === true) return notApplicable();
    const tier = prop(pricing, 'pricingTier');
    if (eqi(tier, 'Standard')) return pass();
    return fail(
      `Defender plan ${plan} (${label}) is not on the Standard tier (pricingTier is ${shown(tier ?? 'Free')}).`,
    );
  },
};
