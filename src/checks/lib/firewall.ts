/** Judging a database server's firewall rules against "the whole internet" (shared by SQL, PostgreSQL, MySQL). */

import type { ResourceModel, Verdict } from '../../core/posture/rule';
import { childList } from './children';
import { firewallRanges, formatIpv4, rulesOpeningWholeInternet } from './ip';
import { eqi, listNames, nameOf } from './props';
import { fail, notApplicable, pass } from './verdict';

/**
 * Pass when public network access is Disabled (or SecuredByPerimeter): firewall rules are then not
 * evaluated. Not applicable when the firewall rules were not read. Fail when one rule, or several
 * together, admit every internet address; the 0.0.0.0–0.0.0.0 "Azure services" rule alone does not.
 */
export function judgeOpenFirewall(
  server: ResourceModel,
  label: string,
  publicNetworkAccess: unknown,
): Verdict {
  if (eqi(publicNetworkAccess, 'Disabled', 'SecuredByPerimeter')) return pass();
  const rules = childList(server, 'firewallRules');
  if (rules === undefined) return notApplicable();
  const opening = rulesOpeningWholeInternet(firewallRanges(rules));
  const [first] = opening;
  if (first === undefined) return pass();
  if (opening.length === 1) {
    const span = `${formatIpv4(first.start)}–${formatIpv4(first.end)}`;
    return fail(
      `${label} ${nameOf(server)} firewall rule ${first.name} allows ${span}, every internet address.`,
      first.name,
    );
  }
  const names = listNames(opening.map((r) => r.name));
  return fail(`${label} ${nameOf(server)} firewall rules ${names} together allow every internet address.`);
}
