/** Realistic and edge-case view models for the card tests. */

import { STAGE_TITLES, STAGES } from '../../src/core/verification';
import type {
  ConnectFormView,
  FailureView,
  HelpView,
  MessageView,
  ProgressView,
  ResultView,
  StatusView,
} from '../../src/core/views';

export const SUB = '7c1d2b3a-4e5f-4a6b-8c9d-0e1f2a3b4c5d';
export const CLIENT = 'a1b2c3d4-0000-4000-8000-000000000002';
export const TENANT = 'contoso.onmicrosoft.com';
export const LONG_NAME = `Production-${'x'.repeat(53)}`;
export const VERY_LONG = 'Lorem ipsum dolor sit amet, '.repeat(20);

export const emptyForm: ConnectFormView = { values: {}, errors: [] };

export const filledForm: ConnectFormView = {
  values: {
    name: 'Production',
    description: 'Main subscription of the payments team',
    subscriptionId: SUB,
    clientId: CLIENT,
    tenantId: TENANT,
    secretExpiresOn: '2027-06-15',
  },
  errors: [],
};

export const formWithAllErrors: ConnectFormView = {
  values: { ...filledForm.values, name: LONG_NAME, secretExpiresOn: 'next year' },
  notice: 'Fix the marked fields and send the form again.',
  errors: [
    { field: 'name', message: 'A connection named "Production" already exists in this team.' },
    { field: 'description', message: 'Description is 300 characters; keep it to 256.' },
    { field: 'subscriptionId', message: 'Subscription ID must be a GUID.' },
    { field: 'clientId', message: 'Client ID must be a GUID.' },
    { field: 'clientSecret', message: "This looks like the secret's ID (a GUID), not its Value." },
    { field: 'tenantId', message: 'Tenant ID must be a GUID or a verified domain.' },
    { field: 'secretExpiresOn', message: 'Use a date like 2027-03-31, or leave it empty.' },
  ],
};

export const progressView: ProgressView = {
  name: 'Production',
  subscriptionId: SUB,
  stages: [
    { id: 'input', title: STAGE_TITLES.input, state: 'ok' },
    { id: 'signin', title: STAGE_TITLES.signin, state: 'ok', note: 'Signed in as app a1b2…' },
    {
      id: 'subscription',
      title: STAGE_TITLES.subscription,
      state: 'warning',
      note: 'Owner role: more than needed',
    },
    { id: 'role', title: STAGE_TITLES.role, state: 'running' },
    { id: 'expiry', title: STAGE_TITLES.expiry, state: 'pending' },
    { id: 'sync', title: STAGE_TITLES.sync, state: 'skipped', note: 'skipped' },
  ],
};

export const progressAllStates: ProgressView = {
  name: LONG_NAME,
  subscriptionId: SUB,
  stages: STAGES.map((id, i) => ({
    id,
    title: STAGE_TITLES[id],
    state: (['pending', 'running', 'ok', 'warning', 'error', 'skipped'] as const)[i] ?? 'pending',
    note: i === 4 ? 'AADSTS7000215: Invalid client secret provided.' : undefined,
  })),
};

export const resultView: ResultView = {
  name: 'Production',
  description: 'Main subscription of the payments team',
  subscriptionName: 'Contoso Production',
  subscriptionId: SUB,
  status: 'Active',
  assets: 1234,
  topTypes: [
    { type: 'Microsoft.Network/networkInterfaces', count: 310 },
    { type: 'Microsoft.Compute/virtualMachines', count: 212 },
    { type: 'Microsoft.Storage/storageAccounts', count: 48 },
  ],
  locations: 4,
  resourceGroups: 37,
  severity: { critical: 2, high: 11, medium: 40, low: 0, informational: 7 },
  secretExpiry: '2027-06-15 (in 200 days)',
  warnings: [
    {
      message: 'The app has the Owner role on the subscription.',
      remedy: 'Give it the Reader role and remove Owner: Osto only reads.',
    },
    {
      message: "Could not read the secret's expiry from Microsoft Graph.",
      remedy: 'Grant Application.Read.All, or type the date in the form.',
    },
  ],
};

export const resultMinimal: ResultView = {
  name: 'Dev',
  subscriptionName: '',
  subscriptionId: SUB,
  status: 'Active',
  assets: 0,
  topTypes: [],
  locations: 0,
  resourceGroups: 0,
  secretExpiry: 'unknown',
  warnings: [],
};

export const failureView: FailureView = {
  name: 'Production',
  stageId: 'signin',
  stageTitle: STAGE_TITLES.signin,
  code: 'secret_invalid',
  reason: 'Microsoft Entra ID rejected the client secret (AADSTS7000215).',
  remedy: "Copy the secret's Value, not its Secret ID, from Certificates & secrets.",
  retryValues: filledForm.values,
};

export const statusView: StatusView = {
  rows: [
    {
      name: 'Production',
      status: 'Active',
      subscriptionName: 'Contoso Production',
      subscriptionId: SUB,
      assets: 1234,
      lastSync: '3 hours ago',
      secretExpiry: '2027-06-15 (in 200 days)',
      severity: { critical: 2, high: 11, medium: 40, low: 0, informational: 7 },
    },
    {
      name: LONG_NAME,
      status: 'Error',
      statusReason: 'The client secret expired on 2026-01-02. Run /osto rotate to update it.',
      subscriptionName: 'Contoso Staging',
      subscriptionId: 'b2c3d4e5-0000-4000-8000-000000000009',
      assets: undefined,
      lastSync: 'never',
      secretExpiry: 'expired 2 days ago',
    },
  ],
};

export const helpView: HelpView = {
  unknown: 'stauts prod',
  didYouMean: 'status prod',
  commands: [
    { usage: 'connect azure', description: 'Connect an Azure subscription.' },
    { usage: 'status [name]', description: 'List the connections and how they are doing.' },
    { usage: 'sync <name>', description: 'Sync a connection now.' },
    { usage: 'findings <name> [severity]', description: 'List the open findings.' },
    { usage: 'notify <name> all|changes|critical|off', description: 'Choose what gets posted.' },
    { usage: 'help', description: 'Show this list.' },
  ],
};

export const messageView: MessageView = {
  title: 'Not allowed',
  text: 'Only the admins of this connection may disconnect it. Ask the person who connected it.',
};
