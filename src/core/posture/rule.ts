/**
 * The posture-rule vocabulary (SPEC 1.2): what a rule is, what it judges, what it says.
 * Rules live in src/checks (one per file); the loop over resources lives once, in
 * ./evaluate.ts. A rule is a pure function of a plain resource model: no SDK, no I/O.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * A resource as the sync hands it to the rules: ARM's envelope plus `properties` (read in bulk
 * from the provider's list endpoint or Resource Graph) and, for the types that need them, the
 * sub-resources read once per parent, under `children` (see ChildKind).
 */
export interface ResourceModel {
  /** The ARM resource id, as Azure spells it. */
  id: string;
  name: string;
  /** The ARM type, e.g. `Microsoft.Storage/storageAccounts` (compare case-insensitively). */
  type: string;
  location?: string;
  resourceGroup?: string;
  kind?: string;
  sku?: { name?: string; tier?: string };
  identity?: { type?: string; principalId?: string };
  tags?: Record<string, string>;
  properties: Record<string, unknown>;
  /** Sub-resources, by kind; absent when the rule pack did not need them for this type. */
  children?: Partial<Record<ChildKind, unknown>>;
}

/**
 * Sub-resources a rule may need, read once per parent (never once per rule):
 * - `firewallRules`: SQL server / PostgreSQL flexible / MySQL flexible firewall rules, an array of
 *   `{ name, properties: { startIpAddress, endIpAddress } }`
 * - `auditingSettings`: SQL server blob auditing policy `{ properties: { state } }`
 * - `administrators`: SQL server Entra ID administrators, an array of `{ properties: { administratorType, login, sid } }`
 * - `transparentDataEncryption`: SQL database TDE `{ properties: { state } }`
 * - `configurations`: PostgreSQL / MySQL flexible server parameters, an array of `{ name, properties: { value } }`
 * - `webConfig`: App Service `config/web` `{ properties: { minTlsVersion, ftpsState, ... } }`
 * - `blobService`: storage `blobServices/default` `{ properties: { containerDeleteRetentionPolicy, deleteRetentionPolicy } }`
 * - `keys`: Key Vault keys (management plane), an array of `{ name, properties: { attributes: { exp?, enabled } } }`
 */
export type ChildKind =
  | 'firewallRules'
  | 'auditingSettings'
  | 'administrators'
  | 'transparentDataEncryption'
  | 'configurations'
  | 'webConfig'
  | 'blobService'
  | 'keys';

/**
 * Facts about the whole subscription, for the rules that judge it rather than one resource
 * (resourceType `subscription`): the regions in use and what exists subscription-wide.
 */
export interface SubscriptionFacts {
  subscriptionId: string;
  /** Lower-case regions where at least one resource lives. */
  locationsInUse: string[];
  /** Lower-case regions that have a `Microsoft.Network/networkWatchers` resource. */
  networkWatcherLocations: string[];
  /** `Microsoft.Insights/activityLogAlerts` resources (properties as ARM returns them). */
  activityLogAlerts: ResourceModel[];
  /** Subscription diagnostic settings (`Microsoft.Insights/diagnosticSettings`). */
  diagnosticSettings: ResourceModel[];
  /** `Microsoft.Security/securityContacts`. */
  securityContacts: ResourceModel[];
}

/** What a rule concludes about one resource. */
export type Verdict =
  | { status: 'pass' }
  | {
      status: 'fail';
      /** What is wrong on this resource, in plain words (one sentence). */
      reason: string;
      /** The part of the resource at fault, when one is (an NSG rule, a firewall rule): its name. */
      subject?: string;
    }
  /** The rule does not apply (e.g. a Windows VM for a Linux-only rule). */
  | { status: 'not_applicable' };

export interface Remediation {
  /** Steps in the Azure portal, in order. */
  portal: string[];
  /** One `az` command (with <placeholders>) that fixes it. */
  cli: string;
}

interface RuleBase {
  /** Stable id, equal to the rule's file name (e.g. `storage-public-blob-access`). Never reused. */
  id: string;
  /** Written for the passing case: "Storage accounts do not allow public blob access". */
  title: string;
  severity: Severity;
  /** CIS Microsoft Azure Foundations Benchmark references, e.g. `['CIS 2.1 3.1', 'CIS 3.0 4.1']`. */
  cis: string[];
  rationale: string;
  remediation: Remediation;
}

/** A rule over each resource of one ARM type. */
export interface ResourceRule extends RuleBase {
  scope: 'resource';
  /** The ARM type it judges, e.g. `Microsoft.Storage/storageAccounts`. */
  resourceType: string;
  /** Sub-resources it reads (the sync fetches them once per parent for all rules). */
  needs?: ChildKind[];
  evaluate(resource: ResourceModel): Verdict;
}

/** A rule over the subscription as a whole (judged once per sync). */
export interface SubscriptionRule extends RuleBase {
  scope: 'subscription';
  resourceType: 'subscription';
  evaluate(facts: SubscriptionFacts): Verdict;
}

export type Rule = ResourceRule | SubscriptionRule;
