import { containsClientSecret, showableId } from '../secret-shape';
import type { RawConnectForm } from '../validate-connect-input';
import { type FormValues, SHOWN_FIELDS } from '../views';

/**
 * The values that may be shown again: every field but the secret, and nothing that may be a
 * secret pasted into the wrong field.
 */
export function formValues(raw: RawConnectForm): FormValues {
  const v: FormValues = {};
  for (const k of SHOWN_FIELDS) {
    const x = raw[k];
    if (typeof x !== 'string' || x.trim() === '' || containsClientSecret(x)) continue;
    if ((k === 'subscriptionId' || k === 'clientId' || k === 'tenantId') && !showableId(x, k === 'tenantId'))
      continue;
    v[k] = x.trim();
  }
  return v;
}
