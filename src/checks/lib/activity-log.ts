/**
 * Activity-log alerts (`Microsoft.Insights/activityLogAlerts`): does an enabled alert watch a given
 * administrative operation for the subscription? Conditions are read from `condition.allOf`, with
 * leaf conditions (`field` + `equals` or `containsAny`) or `anyOf` groups of them.
 */

import type { SubscriptionFacts, Verdict } from '../../core/posture/rule';
import { asArray, asBool, asString, eqi, field, listNames, nameOf, path } from './props';
import { fail, pass } from './verdict';

function leafWatches(condition: unknown, operation: string): boolean {
  if (!eqi(field(condition, 'field'), 'operationName')) return false;
  if (eqi(field(condition, 'equals'), operation)) return true;
  return asArray(field(condition, 'containsAny')).some((v) => eqi(v, operation));
}

function watches(alert: unknown, operation: string): boolean {
  return asArray(path(alert, 'properties', 'condition', 'allOf')).some(
    (c) =>
      leafWatches(c, operation) || asArray(field(c, 'anyOf')).some((leaf) => leafWatches(leaf, operation)),
  );
}

/** An alert scoped somewhere inside the subscription (a resource group) misses the rest of it. */
function coversSubscription(alert: unknown, subscriptionId: string): boolean {
  const scopes = asArray(path(alert, 'properties', 'scopes'))
    .map((s) => asString(s)?.toLowerCase().replace(/\/+$/, ''))
    .filter((s): s is string => s !== undefined);
  if (scopes.length === 0 || subscriptionId.trim() === '') return true;
  return scopes.includes(`/subscriptions/${subscriptionId.trim().toLowerCase()}`);
}

/**
 * Pass when an enabled alert (ARM's `enabled` defaults to true when omitted) watches `operation`
 * at subscription scope; otherwise a reason naming what is missing.
 */
export function judgeOperationAlert(facts: SubscriptionFacts, operation: string, label: string): Verdict {
  const subscriptionId = asString(field(facts, 'subscriptionId')) ?? '';
  const matching = asArray(field(facts, 'activityLogAlerts')).filter((a) => watches(a, operation));
  const enabled = matching.filter((a) => asBool(path(a, 'properties', 'enabled')) !== false);
  if (enabled.some((a) => coversSubscription(a, subscriptionId))) return pass();
  if (enabled.length > 0) {
    return fail(
      `Activity-log alert ${listNames(enabled.map((a) => nameOf(a, '(unnamed)')))} for ${label} covers only part of the subscription.`,
    );
  }
  if (matching.length > 0) {
    return fail(
      `Activity-log alert ${listNames(matching.map((a) => nameOf(a, '(unnamed)')))} for ${label} is disabled.`,
    );
  }
  return fail(`No activity-log alert fires on ${label} (${operation}).`);
}
