import type { ConnectInput } from './connection-input';
import { isDomainName, normalizeGuid } from './guid';
import { containsClientSecret } from './secret-shape';
import type { FieldError } from './verification';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const LIMITS = { name: 64, description: 256, secret: 1024 } as const;

const GUID_EXAMPLE = '00000000-0000-0000-0000-000000000000';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Raw form values: anything may be missing or of the wrong type. */
export type RawConnectForm = Partial<Record<keyof ConnectInput, unknown>>;

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Checks a submitted connect form before anything reaches Azure (SPEC 1.1).
 * Returns the normalised input, or one error per wrong field, each saying what to do.
 */
export function validateConnectInput(raw: RawConnectForm): Validated<ConnectInput> {
  const errors: FieldError[] = [];
  const name = text(raw.name).trim();
  const description = text(raw.description).trim();

  if (name.length === 0)
    errors.push({ field: 'name', message: 'Give the connection a name, e.g. "Production".' });
  else if (name.length > LIMITS.name)
    errors.push({ field: 'name', message: `Name is ${name.length} characters; keep it to ${LIMITS.name}.` });
  else if (/[\p{Cc}\p{Cf}]/u.test(name))
    errors.push({ field: 'name', message: 'Name cannot hold line breaks, tabs or invisible characters.' });

  if (description.length > LIMITS.description)
    errors.push({
      field: 'description',
      message: `Description is ${description.length} characters; keep it to ${LIMITS.description}.`,
    });

  const creds = validateCredentialFields(raw, errors);
  for (const field of ['name', 'description'] as const)
    if (containsClientSecret(text(raw[field])) && !errors.some((e) => e.field === field))
      errors.push({ field, message: SECRET_IN_WRONG_FIELD });
  if (errors.length > 0 || !creds) return { ok: false, errors };
  return {
    ok: true,
    value: { name, ...creds, ...(description ? { description } : {}) },
  };
}

/** The credential part of the form: the four values of a service principal and the optional expiry date. */
export type CredentialFields = Pick<
  ConnectInput,
  'subscriptionId' | 'clientId' | 'clientSecret' | 'tenantId' | 'secretExpiresOn'
>;

/** Checks the four service-principal values (and the optional expiry date); pushes one error per wrong field. */
export function validateCredentialFields(
  raw: RawConnectForm,
  errors: FieldError[],
): CredentialFields | undefined {
  const before = errors.length;
  const secret = text(raw.clientSecret).trim();
  const expires = text(raw.secretExpiresOn).trim();
  const subscriptionId = guidField(raw.subscriptionId, 'subscriptionId', errors);
  const clientId = guidField(raw.clientId, 'clientId', errors);
  const tenantId = tenantField(raw.tenantId, errors);

  if (secret.length === 0)
    errors.push({
      field: 'clientSecret',
      message: "Paste the client secret's Value (shown once, when it was created).",
    });
  else if (normalizeGuid(secret))
    errors.push({
      field: 'clientSecret',
      code: 'secret_looks_like_id',
      message:
        "This looks like the secret's ID (a GUID), not its Value. In Certificates & secrets, copy the Value column; if it is hidden, create a new secret.",
    });
  else if (secret.length > LIMITS.secret)
    errors.push({
      field: 'clientSecret',
      message: 'This is too long to be a client secret; paste only the Value.',
    });
  else if (/\s/.test(secret))
    errors.push({
      field: 'clientSecret',
      message: 'A client secret has no spaces or line breaks; paste only the Value.',
    });

  if (clientId && tenantId && clientId === tenantId)
    errors.push({
      field: 'clientId',
      message:
        "Client ID is the same as the Tenant ID: copy the Application (client) ID from the app's Overview.",
    });
  if (subscriptionId && tenantId && subscriptionId === tenantId)
    errors.push({
      field: 'subscriptionId',
      message:
        'Subscription ID is the same as the Tenant ID: copy it from Subscriptions in the Azure portal.',
    });

  if (expires.length > 0 && !validDate(expires))
    errors.push({ field: 'secretExpiresOn', message: 'Use a date like 2027-03-31, or leave it empty.' });

  if (errors.length > before || !subscriptionId || !clientId || !tenantId) return undefined;
  return {
    subscriptionId,
    clientId,
    clientSecret: secret,
    tenantId,
    ...(expires ? { secretExpiresOn: expires } : {}),
  };
}

const GUID_HINTS = {
  subscriptionId: 'Subscription ID must be a GUID like %s (Azure portal → Subscriptions).',
  clientId:
    "Client ID must be a GUID like %s: the Application (client) ID on the app registration's Overview.",
} as const;

export const SECRET_IN_WRONG_FIELD =
  'This looks like a client secret. Put it only in the Client Secret field (and clear it from here).';

function guidField(v: unknown, field: keyof typeof GUID_HINTS, errors: FieldError[]): string | undefined {
  const s = text(v).trim();
  const hint = containsClientSecret(s)
    ? SECRET_IN_WRONG_FIELD
    : GUID_HINTS[field].replace('%s', GUID_EXAMPLE);
  if (s.length === 0) {
    errors.push({ field, message: `Required. ${hint}` });
    return undefined;
  }
  const g = normalizeGuid(s);
  if (!g) errors.push({ field, message: hint });
  return g;
}

function tenantField(v: unknown, errors: FieldError[]): string | undefined {
  const s = text(v).trim();
  const hint = `Tenant ID must be a GUID like ${GUID_EXAMPLE} or a verified domain like contoso.onmicrosoft.com (Microsoft Entra ID → Overview).`;
  if (s.length === 0) {
    errors.push({ field: 'tenantId', message: `Required. ${hint}` });
    return undefined;
  }
  const g = normalizeGuid(s);
  if (g) return g;
  if (isDomainName(s)) return s.toLowerCase();
  errors.push({ field: 'tenantId', message: containsClientSecret(s) ? SECRET_IN_WRONG_FIELD : hint });
  return undefined;
}

function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}
