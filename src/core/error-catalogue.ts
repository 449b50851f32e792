import type { StageError, StageId, StageWarning, VerifyErrorCode, VerifyWarningCode } from './verification';

/** What the adapter knows when it classifies a failure; every field is optional. */
export interface ErrorContext {
  subscriptionId?: string;
  tenantId?: string;
  clientId?: string;
  /** The tenant a subscription really belongs to. */
  ownerTenantId?: string;
  retryAfterSeconds?: number;
  roles?: string[];
  /** A short technical reason (status code, Azure error code), never a secret. */
  detail?: string;
  deadlineSeconds?: number;
}

type Text = { message: string; remedy: string };

function wait(ctx: ErrorContext): string {
  const s = ctx.retryAfterSeconds;
  if (s === undefined) return 'a minute';
  if (s < 90) return `${s} seconds`;
  return `${Math.ceil(s / 60)} minutes`;
}

const sub = (c: ErrorContext) => (c.subscriptionId ? ` ${c.subscriptionId}` : '');

const ERRORS: Record<VerifyErrorCode, (c: ErrorContext) => Text> = {
  invalid_input: () => ({
    message: 'Some fields of the form are not valid.',
    remedy: 'Correct the fields marked in the form and submit again.',
  }),
  secret_looks_like_id: () => ({
    message: "The client secret looks like the secret's ID (a GUID), not its Value.",
    remedy:
      "In the app registration, open Certificates & secrets and copy the secret's Value (not the Secret ID). If the Value is hidden, create a new client secret.",
  }),
  secret_invalid: (c) => ({
    message: `Microsoft Entra ID rejected the client secret for app ${c.clientId ?? ''}.`.replace(' .', '.'),
    remedy:
      "Copy the secret's Value (not its Secret ID) from Certificates & secrets of that app registration, or create a new client secret, then try again.",
  }),
  secret_expired: (c) => ({
    message: `The client secret of app ${c.clientId ?? ''} has expired.`.replace('  ', ' '),
    remedy: 'Create a new client secret under Certificates & secrets and connect with its Value.',
  }),
  app_not_found: (c) => ({
    message: `No application with Client ID ${c.clientId ?? ''} exists in tenant ${c.tenantId ?? ''}.`,
    remedy:
      "Check the Client ID (the Application (client) ID on the app's Overview) and that the Tenant ID is the directory where the app is registered.",
  }),
  tenant_not_found: (c) => ({
    message: `Tenant ${c.tenantId ?? ''} was not found.`,
    remedy:
      'Check the Tenant ID: Microsoft Entra ID → Overview → Tenant ID (or a verified domain of the tenant).',
  }),
  signin_unreachable: (c) => ({
    message: `Cannot reach Microsoft sign-in${c.detail ? ` (${c.detail})` : ''}.`,
    remedy:
      'This is a network problem between the bot and Microsoft Entra ID, not your values. Try again in a few minutes; if it persists, ask whoever runs the bot to check its outbound HTTPS access.',
  }),
  subscription_not_found: (c) => ({
    message: `Subscription${sub(c)} was not found, or the app cannot see it.`,
    remedy:
      'Check the Subscription ID (Azure portal → Subscriptions) and assign the app the Reader role on that subscription.',
  }),
  subscription_wrong_tenant: (c) => ({
    message: `Subscription${sub(c)} belongs to tenant ${c.ownerTenantId ?? 'another tenant'}, not to ${c.tenantId ?? 'the tenant you entered'}.`,
    remedy: c.ownerTenantId
      ? `Use Tenant ID ${c.ownerTenantId} with an app registered in that tenant, or pick a subscription of your tenant.`
      : 'Use the Tenant ID of the directory that owns the subscription.',
  }),
  subscription_disabled: (c) => ({
    message: `Subscription${sub(c)} is disabled.`,
    remedy: 'Re-enable the subscription in the Azure portal (Subscriptions) or connect another one.',
  }),
  no_access: (c) => ({
    message: `The app has no access to subscription${sub(c)}.`,
    remedy: `Assign the Reader role on the subscription: Azure portal → Subscriptions → Access control (IAM) → Add role assignment → Reader → the app. Changes can take a few minutes to apply.`,
  }),
  missing_reader: (c) => ({
    message: `The app can see subscription${sub(c)} but cannot read its resources${
      c.roles && c.roles.length > 0 ? ` (its roles: ${c.roles.join(', ')})` : ''
    }.`,
    remedy: `Assign the Reader role on subscription${sub(c)}: Access control (IAM) → Add role assignment → Reader.`,
  }),
  throttled: (c) => ({
    message: `Azure is throttling requests and asked us to wait ${wait(c)}.`,
    remedy: `Nothing is wrong with your values. Try again in ${wait(c)}.`,
  }),
  azure_unavailable: (c) => ({
    message: `Azure answered with an error${c.detail ? ` (${c.detail})` : ''}.`,
    remedy: 'This is on Azure’s side. Try again in a few minutes; check status.azure.com if it persists.',
  }),
  timeout: (c) => ({
    message: `Azure did not answer in time${c.deadlineSeconds ? ` (${c.deadlineSeconds} s)` : ''}.`,
    remedy: 'Try again in a few minutes.',
  }),
};

const WARNINGS: Record<VerifyWarningCode, (c: ErrorContext & { expiresOn?: string; days?: number }) => Text> =
  {
    over_privileged: (c) => ({
      message: `The app has ${c.roles?.join(' and ') ?? 'a write role'} on the subscription; the bot only needs to read.`,
      remedy:
        'For least privilege, assign Reader and remove the Owner/Contributor assignment in Access control (IAM).',
    }),
    expiry_unknown: (c) => ({
      message:
        c.detail === 'unavailable'
          ? "Microsoft Graph did not answer, so we don't know when the secret expires and can't warn you before it does."
          : "Microsoft Graph did not tell us when the secret expires, so we can't warn you before it does.",
      remedy:
        c.detail === 'unavailable'
          ? "Enter the secret's expiry date in the form, or connect again later."
          : "Grant the app the Microsoft Graph application permission Application.Read.All (with admin consent), or enter the secret's expiry date in the form (later: /osto rotate with the date).",
    }),
    secret_never_expires: () => ({
      message:
        'Microsoft Entra ID lists this client secret without an end date: if it leaks, it stays valid until someone deletes it.',
      remedy:
        'Create a new client secret with an end date (at most a year) in Certificates & secrets, update it here with /osto rotate, then delete the old one.',
    }),
    secret_expiring_soon: (c) => ({
      message: `The client secret expires on ${c.expiresOn ?? '?'}${c.days !== undefined ? `, in ${c.days} day${c.days === 1 ? '' : 's'}` : ''}.`,
      remedy:
        'Create a new client secret in the app registration (Certificates & secrets) before then; Osto reminds you as the date comes closer.',
    }),
  };

export function stageError(
  stage: StageId,
  code: VerifyErrorCode,
  ctx: ErrorContext = {},
  extra: Partial<Pick<StageError, 'field' | 'message'>> = {},
): StageError {
  const t = ERRORS[code](ctx);
  return {
    stage,
    status: 'error',
    code,
    message: extra.message ?? t.message,
    remedy: t.remedy,
    ...(extra.field ? { field: extra.field } : {}),
    ...(ctx.retryAfterSeconds !== undefined ? { retryAfterSeconds: ctx.retryAfterSeconds } : {}),
  };
}

export function stageWarning(
  stage: StageId,
  code: VerifyWarningCode,
  ctx: ErrorContext & { expiresOn?: string; days?: number } = {},
): StageWarning {
  return { stage, status: 'warning', code, ...WARNINGS[code](ctx) };
}
