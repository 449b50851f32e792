/** The words of expiry alerts: days left, the exact date, who connected it, and what to do. */
import type { Connection } from '../connection';
import { isoDate, relativeDays } from '../present/dates';
import { subscriptionLabel } from '../present/subscription';
import type { Reply } from '../reply';
import type { ActionView } from '../views';

const updateSecret = (name: string): ActionView => ({
  label: 'Update secret',
  run: { verb: 'rotate', args: { name } },
  style: 'primary',
});
/** Asks for how long (1 day, 3 days, 1 week): three more buttons here would be cut short. */
const snooze = (name: string): ActionView => ({ label: 'Snooze…', run: { verb: 'snooze', args: { name } } });

function madeBy(c: Connection): string {
  return c.createdByName ? ` Connected by ${c.createdByName}.` : '';
}

export function expiryAlertReply(c: Connection, days: number, reminder: boolean): Reply {
  const date = isoDate(c.secretExpiresOn ?? '');
  const when = relativeDays(days);
  return {
    kind: 'message',
    view: {
      title: `${reminder ? 'Reminder: the' : 'The'} client secret of ${c.name} expires ${when}`,
      text: `${subscriptionLabel(c.subscriptionName, c.subscriptionId)}: the client secret ends on ${date} (${when}).${madeBy(c)} When it ends, Osto can no longer read the subscription. Create a new client secret in the app registration ${c.clientId} (Certificates & secrets), then press Update secret.`,
      tone: days <= 7 ? 'bad' : 'warning',
      actions: [updateSecret(c.name), snooze(c.name)],
    },
  };
}

export function expiredReply(c: Connection): Reply {
  const date = isoDate(c.secretExpiresOn ?? '');
  return {
    kind: 'message',
    view: {
      title: `The client secret of ${c.name} has expired: ${c.name} is in Error`,
      text: `${subscriptionLabel(c.subscriptionName, c.subscriptionId)}: the client secret ended on ${date}; Osto can no longer read the subscription.${madeBy(c)} Create a new client secret in the app registration ${c.clientId} (Certificates & secrets), then press Update secret.`,
      tone: 'bad',
      actions: [updateSecret(c.name)],
    },
  };
}

/** Why an expired connection is in Error (status shows it). */
export function expiredReason(c: Connection): string {
  return `The client secret expired on ${isoDate(c.secretExpiresOn ?? '')}. Update it with /osto rotate ${c.name}.`;
}
