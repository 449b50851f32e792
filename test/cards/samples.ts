/** Realistic and edge-case view models for the card tests. */

import { severityCells } from '../../src/core/present/severity';
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

const ICON = { pending: '○', running: '⏳', ok: '✅', warning: '⚠️', error: '❌', skipped: '–' } as const;
const TONE = {
  pending: 'neutral',
  running: 'neutral',
  ok: 'neutral',
  warning: 'warning',
  error: 'bad',
  skipped: 'neutral',
} as const;
type State = keyof typeof ICON;
const stage = (id: (typeof STAGES)[number], state: State, note?: string) => ({
  id,
  title: STAGE_TITLES[id],
  state,
  icon: ICON[state],
  tone: TONE[state],
  ...(note ? { note } : {}),
});

export const progressView: ProgressView = {
  title: 'Connecting Production…',
  subtitle: `Subscription ${SUB}`,
  stages: [
    stage('signin', 'ok', 'Signed in as app a1b2…'),
    stage('subscription', 'warning', 'Owner role: more than needed'),
    stage('role', 'running'),
    stage('expiry', 'pending'),
    stage('sync', 'skipped', 'skipped'),
  ],
};

export const progressAllStates: ProgressView = {
  title: `Connecting ${LONG_NAME}…`,
  subtitle: `Subscription ${SUB}`,
  stages: STAGES.map((id, i) => {
    const state = (['pending', 'running', 'ok', 'warning', 'error', 'skipped'] as const)[i] ?? 'pending';
    return stage(id, state, i === 4 ? 'AADSTS7000215: Invalid client secret provided.' : undefined);
  }),
};

export const resultView: ResultView = {
  title: 'Production is Active',
  name: 'Production',
  description: 'Main subscription of the payments team',
  subscription: `Contoso Production (${SUB})`,
  facts: [
    { label: 'Status', value: 'Active' },
    { label: 'Assets', value: '1,234' },
    { label: 'Resource groups', value: '37' },
    { label: 'Locations', value: '4' },
    { label: 'Secret expires', value: '2027-06-15 (in 200 days)' },
  ],
  findings: {
    heading: 'Findings: 60',
    cells: severityCells({ critical: 2, high: 11, medium: 40, low: 0, informational: 7 }),
  },
  topTypes: [
    { label: 'Network interfaces', value: '310' },
    { label: 'Virtual machines', value: '212' },
    { label: 'Storage accounts', value: '48' },
  ],
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
  actions: [{ label: 'View status', run: { verb: 'status', args: {} } }],
};

export const resultMinimal: ResultView = {
  title: 'Dev is Active',
  name: 'Dev',
  subscription: SUB,
  facts: [
    { label: 'Status', value: 'Active' },
    { label: 'Assets', value: '0' },
    { label: 'Secret expires', value: 'unknown' },
  ],
  topTypes: [],
  warnings: [],
  actions: [],
};

export const failureView: FailureView = {
  name: 'Production',
  title: 'Could not connect Production',
  stageId: 'signin',
  stageTitle: STAGE_TITLES.signin,
  code: 'secret_invalid',
  reason: 'Microsoft Entra ID rejected the client secret (AADSTS7000215).',
  remedy: "Copy the secret's Value, not its Secret ID, from Certificates & secrets.",
  retryValues: filledForm.values,
};

export const statusView: StatusView = {
  summary: '2 connections · 1 in Error',
  rows: [
    {
      name: 'Production',
      status: 'Active',
      tone: 'good',
      statusReason: '',
      subscription: `Contoso Production (${SUB})`,
      facts: [
        { label: 'Assets', value: '1,234' },
        { label: 'Last sync', value: '3 hours ago' },
        { label: 'Secret expires', value: '2027-06-15 (in 200 days)' },
        { label: 'Findings', value: '2 critical · 11 high · 40 medium · 0 low · 7 informational' },
      ],
    },
    {
      name: LONG_NAME,
      status: 'Error',
      tone: 'bad',
      statusReason: 'The client secret expired on 2026-01-02.',
      subscription: 'Contoso Staging (b2c3d4e5-0000-4000-8000-000000000009)',
      facts: [
        { label: 'Assets', value: 'unknown' },
        { label: 'Last sync', value: 'never' },
        { label: 'Secret expires', value: 'expired on 2026-01-02' },
      ],
    },
  ],
};

export const emptyStatusView: StatusView = {
  summary: '',
  rows: [],
  empty: {
    text: 'No Azure subscription is connected yet. Type /osto connect azure to connect one.',
    action: { label: 'Connect Azure', run: { verb: 'connect', args: {} }, style: 'primary' },
  },
};

export const helpView: HelpView = {
  unknown: 'stauts prod',
  didYouMean: 'status prod',
  intro: 'Type /osto and a command, for example /osto status.',
  commands: [
    { usage: 'connect azure', description: 'Connect an Azure subscription.' },
    { usage: 'status [name]', description: 'List the connections and how they are doing.' },
    { usage: 'sync ‹name›', description: 'Sync a connection now.' },
    { usage: 'findings ‹name› [severity]', description: 'List the open findings.' },
    { usage: 'notify ‹name› all|changes|critical|off', description: 'Choose what gets posted.' },
    { usage: 'help', description: 'Show this list.' },
  ],
};

export const messageView: MessageView = {
  title: 'Not allowed',
  text: 'Only the admins of this connection may disconnect it. Ask the person who connected it.',
  tone: 'bad',
};
