/** The rotate form: what it shows of a connection, and the check of what was typed into it. */
import type { Connection } from '../connection';
import { expiryText } from '../present/dates';
import { subscriptionLabel } from '../present/subscription';
import { validateCredentialFields } from '../validate-connect-input';
import type { FieldError } from '../verification';
import type { RotateFormView } from '../views';

export interface RawRotateForm {
  clientSecret?: unknown;
  secretExpiresOn?: unknown;
}

export function rotateFormView(
  c: Connection,
  now: Date,
  extra: Partial<RotateFormView> = {},
): RotateFormView {
  return {
    name: c.name,
    subscription: subscriptionLabel(c.subscriptionName, c.subscriptionId),
    clientId: c.clientId,
    currentExpiry: c.expirySource === 'none' ? 'never (no end date)' : expiryText(c.secretExpiresOn, now),
    values: {},
    errors: [],
    ...extra,
  };
}

/** The same checks as the connect form's secret and date, for this connection's app. */
export function validateRotate(
  c: Connection,
  raw: RawRotateForm,
):
  | { ok: true; clientSecret: string; secretExpiresOn?: string }
  | { ok: false; errors: RotateFormView['errors'] } {
  const errors: FieldError[] = [];
  const fields = validateCredentialFields(
    {
      subscriptionId: c.subscriptionId,
      clientId: c.clientId,
      tenantId: c.tenantId,
      clientSecret: raw.clientSecret,
      secretExpiresOn: raw.secretExpiresOn,
    },
    errors,
  );
  const mine = errors.filter(
    (e): e is FieldError & { field: 'clientSecret' | 'secretExpiresOn' } =>
      e.field === 'clientSecret' || e.field === 'secretExpiresOn',
  );
  if (!fields || mine.length > 0)
    return { ok: false, errors: mine.map((e) => ({ field: e.field, message: e.message })) };
  return {
    ok: true,
    clientSecret: fields.clientSecret,
    ...(fields.secretExpiresOn ? { secretExpiresOn: fields.secretExpiresOn } : {}),
  };
}
