import type { SubscriptionRule } from '../../core/posture/rule';
import { asArray, asBool, eqi, field, listNames, nameOf, path } from '../lib/props';
import { fail, pass } from '../lib/verdict';

const SEVERITIES = ['Low', 'Medium', 'High'];

/**
 * Does this contact email alerts of High severity (or a lower minimum, which includes High)?
 * Reads the three API shapes: 2023-12-01-preview (`isEnabled` + `notificationsSources` with
 * sourceType Alert), 2020-01-01-preview (`alertNotifications: { state, minimalSeverity }`, a
 * missing severity counting as High) and 2017-08-01-preview (`alertNotifications: 'On'`).
 */
function sendsHighAlerts(contact: unknown): boolean {
  const props = field(contact, 'properties');
  if (asBool(field(props, 'isEnabled')) === false) return false;
  const alertSource = asArray(field(props, 'notificationsSources')).find((s) =>
    eqi(field(s, 'sourceType'), 'Alert'),
  );
  if (alertSource !== undefined) return eqi(field(alertSource, 'minimalSeverity'), ...SEVERITIES);
  const legacy = field(props, 'alertNotifications');
  if (eqi(legacy, 'On')) return true;
  if (!eqi(field(legacy, 'state'), 'On')) return false;
  const severity = field(legacy, 'minimalSeverity');
  return severity === undefined || severity === null || eqi(severity, ...SEVERITIES);
}

/**
 * A subscription rule, because no contact at all is the commonest failure. Passes when some
 * security contact emails alerts of severity High (or a lower minimum).
 */
export const rule: SubscriptionRule = {
  id: 'defender-security-contact-alerts',
  title: 'Defender for Cloud emails high-severity alerts to a security contact',
  severity: 'high',
  cis: ['CIS 2.1 2.1.19', 'CIS 3.0 3.1.14', 'CIS 4.0 9.1.14'],
  rationale:
    'Defender for Cloud alerts are only useful if someone sees them. Email notifications for high-severity alerts make sure an active attack reaches a person quickly.',
  remediation: {
    portal: [
      'In the Azure portal, open Microsoft Defender for Cloud and select Environment settings.',
      'Select the subscription, then Email notifications.',
      'Add recipients, tick "Notify about alerts with the following severity (or higher)", choose High, and select Save.',
    ],
    cli: 'az rest --method put --url https://management.azure.com/subscriptions/<subscription-id>/providers/Microsoft.Security/securityContacts/default?api-version=2020-01-01-preview --body \'{"properties":{"emails":"<email>","alertNotifications":{"state":"On","minimalSeverity":"High"},"notificationsByRole":{"state":"On","roles":["Owner"]}}}\'',
  },
  scope: 'subscription',
  resourceType: 'subscription',
  evaluate(facts) {
    const contacts = asArray(field(facts, 'securityContacts'));
    if (contacts.length === 0) {
      return fail('No Defender for Cloud security contact is configured, so alerts are emailed to no one.');
    }
    if (contacts.some(sendsHighAlerts)) return pass();
    const names = listNames(contacts.map((c) => nameOf(c, '(unnamed)')));
    const enabled = contacts.some((c) => asBool(path(c, 'properties', 'isEnabled')) !== false);
    return fail(
      enabled
        ? `Security contact ${names} does not email alert notifications of High severity.`
        : `Security contact ${names} is disabled, so alerts are emailed to no one.`,
    );
  },
};
