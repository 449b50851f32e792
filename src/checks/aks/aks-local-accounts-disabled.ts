import type { ResourceRule } from '../../core/posture/rule';
import { asBool, nameOf, prop } from '../lib/props';
import { fail, pass } from '../lib/verdict';

/** Passes on `disableLocalAccounts: true`. Missing fails: local accounts are on by default. */
export const rule: ResourceRule = {
  id: 'aks-local-accounts-disabled',
  title: 'AKS clusters have local accounts disabled',
  severity: 'high',
  cis: [],
  rationale:
    'The local cluster-admin credential bypasses Entra ID and Kubernetes RBAC and leaves no record of who used it. Disabling it makes every kubectl session an audited Entra identity.',
  remediation: {
    portal: [
      'Make sure the cluster uses Microsoft Entra ID integration with Kubernetes RBAC or Azure RBAC.',
      'Open the cluster in the Azure portal and select Security configuration (Cluster configuration on older portals).',
      'Clear "Local accounts" and select Apply.',
    ],
    cli: 'az aks update --resource-group <group> --name <cluster> --disable-local-accounts',
  },
  scope: 'resource',
  resourceType: 'Microsoft.ContainerService/managedClusters',
  evaluate(cluster) {
    if (asBool(prop(cluster, 'disableLocalAccounts')) === true) return pass();
    return fail(
      `AKS cluster ${nameOf(cluster)} still allows the local admin account (disableLocalAccounts is not true).`,
    );
  },
};
