import type { KnownBlock } from '@slack/types';
import { blockErrors, connectModal } from '../../src/channels/slack/blocks/connect-modal';
import { failureMessage } from '../../src/channels/slack/blocks/failure';
import { helpMessage } from '../../src/channels/slack/blocks/help';
import { channelUnreachableMessage, textMessage } from '../../src/channels/slack/blocks/message';
import { infoModal } from '../../src/channels/slack/blocks/modal';
import { progressMessage } from '../../src/channels/slack/blocks/progress';
import { resultMessage } from '../../src/channels/slack/blocks/result';
import { statusMessage } from '../../src/channels/slack/blocks/status';
import { escapeText, type SlackMessage, section } from '../../src/channels/slack/blocks/text';
import {
  formOfState,
  readTarget,
  retryValuesOf,
  slackWorkspaceId,
  workspaceOfCommand,
  workspaceOfInteraction,
  writeTarget,
} from '../../src/channels/slack/payload';
import { helpView } from '../../src/core/commands/help';
import { statusView } from '../../src/core/commands/status';
import { VERBS } from '../../src/core/commands/table';
import { resultView } from '../../src/core/connect/result';
import type { Connection } from '../../src/core/connection';
import { severityCells } from '../../src/core/present/severity';
import { ProgressTracker } from '../../src/core/progress';
import type { FailureView, FormValues, ProgressView, ResultView } from '../../src/core/views';

const SECRET = 'Zuz8Q~iBOB-Y6sHrFH2ZUCr~-lgotu2iXW7GboIR';
const LONG = 'x'.repeat(5000);
const NASTY = '<!channel> & <https://evil.example|click> *bold*';

/** Slack's documented limits, checked over any blocks. */
function withinLimits(blocks: KnownBlock[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks`);
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') {
        if (o.text.length === 0) problems.push(`${path}: empty text`);
        if (o.text.length > 3000) problems.push(`${path}: ${o.text.length} chars`);
      }
      if (Array.isArray(o.fields) && o.fields.length > 10)
        problems.push(`${path}: ${o.fields.length} fields`);
      for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
    }
  };
  walk(blocks, 'blocks');
  return problems;
}

const now = new Date('2026-12-01T12:00:00Z');

function progressOf(name: string): ProgressView {
  const t = new ProgressTracker(name, '9531985d-5d9d-49f8-9818-e811892f902b');
  t.record({ stage: 'signin', status: 'ok', detail: 'Signed in' });
  return t.view();
}
const progress = (() => {
  const v = progressOf(NASTY);
  const expiry = v.stages.find((s) => s.id === 'expiry');
  if (expiry) Object.assign(expiry, { state: 'error', icon: '❌', tone: 'bad', note: LONG });
  return v;
})();

function connection(i: number, overrides: Partial<Connection> = {}): Connection {
  return {
    id: `c${i}`,
    workspaceId: 'slack:T1',
    name: `conn-${i}`,
    description: LONG,
    tenantId: 't',
    subscriptionId: '9531985d-5d9d-49f8-9818-e811892f902b',
    subscriptionName: 'Contoso Production',
    clientId: 'c',
    principalId: 'p',
    roles: ['Reader'],
    status: i % 2 ? 'active' : 'error',
    expirySource: 'graph',
    secretExpiresOn: '2027-06-15T00:00:00Z',
    inventory: {
      total: 12345,
      byType: { 'Microsoft.Storage/storageAccounts': 23 },
      byLocation: { westeurope: 1 },
      byResourceGroup: { rg: 1 },
      pages: 1,
    },
    lastSyncAt: now.toISOString(),
    notify: 'changes',
    createdBy: 'U1',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...overrides,
  };
}

const result: ResultView = {
  ...resultView(
    connection(1, { name: NASTY }),
    [{ message: 'Owner is more than it needs.', remedy: 'Assign Reader instead.' }],
    now,
  ),
  findings: {
    heading: 'Findings: 12',
    cells: severityCells({ critical: 1, high: 2, medium: 0, low: 4, informational: 5 }),
  },
};

const failure: FailureView = {
  name: 'Prod',
  title: 'Could not connect Prod',
  stageId: 'signin',
  stageTitle: 'Sign in to Microsoft Entra ID',
  code: 'secret_invalid',
  reason: LONG,
  remedy: "Copy the secret's Value.",
  retryValues: { name: 'Prod', clientId: 'abc', clientSecret: SECRET } as FormValues,
};

describe('Slack Block Kit builders render the core view models', () => {
  it('the connect modal: SPEC labels, a block per field, a date picker, hints and the secret note', () => {
    const modal = connectModal({ values: {}, errors: [] }, '{"channelId":"C1","responseUrl":"u"}');
    const inputs = modal.blocks.filter((b) => b.type === 'input') as Extract<KnownBlock, { type: 'input' }>[];
    expect(inputs.map((b) => [b.block_id, b.label.text, b.optional ?? false])).toEqual([
      ['name', 'Name', false],
      ['description', 'Description', true],
      ['subscriptionId', 'Subscription ID', false],
      ['clientId', 'Client ID', false],
      ['clientSecret', 'Client Secret', false],
      ['tenantId', 'Tenant ID', false],
      ['secretExpiresOn', 'Secret expires on', true],
    ]);
    expect(inputs.every((b) => (b.hint?.text.length ?? 0) > 10)).toBe(true);
    expect(inputs.at(-1)?.element.type).toBe('datepicker');
    expect(JSON.stringify(modal.blocks)).toMatch(/Slack cannot mask the Client Secret field/);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.private_metadata).toBe('{"channelId":"C1","responseUrl":"u"}');
    expect(withinLimits(modal.blocks as KnownBlock[], 100)).toEqual([]);
  });

  it('the modal is pre-filled with every value but the secret, whatever it is given', () => {
    const values = {
      name: 'Prod',
      subscriptionId: 'sub',
      clientSecret: SECRET,
      secretExpiresOn: '2027-03-31',
    } as FormValues;
    const modal = connectModal({ values, errors: [], notice: 'Enter the client secret again.' }, '{}');
    const text = JSON.stringify(modal);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('"initial_value":"Prod"');
    expect(text).toContain('"initial_date":"2027-03-31"');
    expect(text).toContain('Enter the client secret again.');
    // A date the picker cannot take is left out rather than breaking the modal.
    expect(
      JSON.stringify(connectModal({ values: { secretExpiresOn: 'soon' }, errors: [] }, '{}')),
    ).not.toContain('initial_date');
  });

  it('field errors map onto the block ids, several per field joined', () => {
    expect(
      blockErrors([
        { field: 'clientId', message: 'A.' },
        { field: 'clientId', message: 'B.' },
        { field: 'name', message: 'C.' },
      ]),
    ).toEqual({ clientId: 'A. B.', name: 'C.' });
  });

  it.each<[string, SlackMessage, number]>([
    ['progress', progressMessage(progress), 50],
    ['result', resultMessage(result), 50],
    ['failure', failureMessage(failure), 50],
    [
      'status (40 connections)',
      statusMessage(
        statusView(
          Array.from({ length: 40 }, (_, i) => connection(i, { name: `${NASTY} ${i}` })),
          now,
        ),
      ),
      50,
    ],
    ['status (empty)', statusMessage(statusView([], now)), 50],
    ['help', helpMessage(helpView(VERBS, { text: NASTY, didYouMean: 'status' })), 50],
    ['message', textMessage({ title: NASTY, text: LONG, tone: 'bad' }), 50],
    ['unreachable', channelUnreachableMessage(progressMessage(progress), 'C1<x>'), 50],
  ])('%s stays within Slack limits and escapes user text', (_name, msg, maxBlocks) => {
    expect(withinLimits(msg.blocks, maxBlocks)).toEqual([]);
    expect(msg.text.length).toBeGreaterThan(0);
    // What Slack renders (button values are data, never shown as mrkdwn).
    const mrkdwn = JSON.stringify(msg, (k, v) => (k === 'value' ? undefined : v));
    expect(mrkdwn).not.toContain('<!channel>');
    expect(mrkdwn).not.toContain('<https://evil');
    // The blocks (formatted) never carry the user's *bold*; the fallback text is shown unformatted.
    const shown = JSON.stringify(msg.blocks, (k, v) => (k === 'value' ? undefined : v));
    expect(shown).not.toContain('*bold*');
  });

  it('the progress shows each stage; the result its facts; the failure its stage, reason, remedy and retry', () => {
    const p = JSON.stringify(progressMessage(progressOf('Prod')).blocks);
    expect(p).toContain('Connecting Prod…');
    expect(p).toMatch(/✅ {2}Sign in to Microsoft Entra ID/);
    expect(p).toMatch(/⏳ {2}\*Read the subscription\*/);
    const r = JSON.stringify(resultMessage({ ...result, title: 'Prod is Active' }).blocks);
    expect(r).toContain('Prod is Active');
    expect(r).toContain('12,345');
    expect(r).toContain('Storage accounts: 23');
    expect(r).toContain('🔴 1 Critical · 🔴 2 High · 0 Medium · ⚪ 4 Low · ⚪ 5 Info');
    const f = failureMessage(failure);
    const actions = f.blocks.find((b) => b.type === 'actions') as Extract<KnownBlock, { type: 'actions' }>;
    const retry = actions.elements[0] as { action_id: string; value: string; text: { text: string } };
    expect([retry.action_id.startsWith('osto_run'), retry.text.text]).toEqual([true, 'Try again']);
    expect(JSON.parse(retry.value)).toEqual({
      verb: 'connect',
      args: { provider: 'azure', name: 'Prod', clientId: 'abc' },
      inPlace: true,
    });
    expect(JSON.stringify(f)).not.toContain(SECRET);
    expect(JSON.stringify(f)).toMatch(/Failed at:\* Sign in to Microsoft Entra ID/);
    expect(JSON.stringify(f)).toMatch(/What to do:\* Copy the secret's Value/);
  });

  it('help offers "did you mean" with the slash command', () => {
    const text = JSON.stringify(helpMessage(helpView(VERBS, { text: 'stauts', didYouMean: 'status' })));
    expect(text).toContain("I didn't understand “stauts”");
    expect(text).toContain('Did you mean `/osto status`?');
  });

  it('a modal can show any message, with a note', () => {
    const m = infoModal(
      'A title longer than twenty-four characters',
      textMessage({ title: 't', text: 'x', tone: 'neutral' }),
      '{}',
      'note',
    );
    expect(m.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(m.blocks)).toContain('note');
  });
});

describe('Slack payloads → core terms', () => {
  it('the workspace is the enterprise on a Grid, else the team, prefixed "slack:"', () => {
    expect(slackWorkspaceId('T1')).toBe('slack:T1');
    expect(workspaceOfInteraction({ team: { id: 'T1' } })).toEqual({ id: 'slack:T1', channel: 'slack' });
    expect(workspaceOfInteraction({ team: { id: 'T1', enterprise_id: 'E1' } })?.id).toBe('slack:E1');
    expect(
      workspaceOfInteraction({ team: null, enterprise: { id: 'E2' }, user: { id: 'U', team_id: 'T2' } })?.id,
    ).toBe('slack:E2');
    expect(workspaceOfInteraction({ team: null, user: { id: 'U', team_id: 'T3' } })?.id).toBe('slack:T3');
    expect(workspaceOfInteraction({ team: null })).toBeUndefined();
  });

  it('a slash command names the same workspace as an interaction from that team', () => {
    const command = { team_id: 'T1', team_domain: 'acme' } as Parameters<typeof workspaceOfCommand>[0];
    expect(workspaceOfCommand(command)).toEqual({ id: 'slack:T1', channel: 'slack', name: 'acme' });
    expect(workspaceOfCommand({ ...command, enterprise_id: 'E1' })).toEqual({
      id: 'slack:E1',
      channel: 'slack',
    });
    expect(workspaceOfCommand({ ...command, team_id: '' })).toBeUndefined();
  });

  it('the modal state becomes the core form; the private metadata round-trips; junk is refused', () => {
    const raw = formOfState({
      values: {
        name: { value: { type: 'plain_text_input', value: 'Prod' } },
        description: { value: { type: 'plain_text_input', value: null } },
        secretExpiresOn: { value: { type: 'datepicker', selected_date: '2027-01-02' } },
        other: { value: { type: 'plain_text_input', value: 'ignored' } },
      },
    });
    expect(raw).toEqual({ name: 'Prod', secretExpiresOn: '2027-01-02' });
    const t = { channelId: 'C1', responseUrl: 'https://hooks.slack.com/commands/1' };
    expect(readTarget(writeTarget(t))).toEqual(t);
    expect(readTarget('not json')).toBeUndefined();
    expect(readTarget('{"channelId":1}')).toBeUndefined();
    expect(readTarget(undefined)).toBeUndefined();
  });

  it('a "Try again" value never brings a secret back', () => {
    expect(retryValuesOf(JSON.stringify({ name: 'Prod', clientSecret: SECRET, x: 1 }))).toEqual({
      name: 'Prod',
    });
    expect(retryValuesOf('garbage')).toEqual({});
    expect(retryValuesOf(undefined)).toEqual({});
  });
});

describe('user text in mrkdwn', () => {
  const inert = (c: string) => `<!date^00000000^{_}|${c}>`;

  it('cannot format: markup at a word edge becomes a date fallback Slack shows as plain text', () => {
    expect(escapeText('*bold* _it_ ~gone~ `code`')).toBe(
      `${inert('*')}bold${inert('*')} ${inert('_')}it${inert('_')} ${inert('~')}gone${inert('~')} ${inert('`')}code${inert('`')}`,
    );
    expect(escapeText('＊wide＊')).toBe(`${inert('＊')}wide${inert('＊')}`);
  });

  it('leaves characters inside a word as they are (Slack does not format there)', () => {
    expect(escapeText('rg_prod_1 a*b x~y :white_check_mark:')).toBe('rg_prod_1 a*b x~y :white_check_mark:');
  });

  it('cannot quote, link or mention', () => {
    expect(escapeText('> quoted\n> again')).toBe('\u00ad&gt; quoted\n\u00ad&gt; again');
    expect(escapeText('<!channel> <https://evil.example|x> & co')).toBe(
      '&lt;!channel&gt; &lt;https://evil.example|x&gt; &amp; co',
    );
  });

  it('a long text is cut without leaving half a token or half an entity', () => {
    const long = `${'x'.repeat(2990)}${escapeText('_a_ & b')}`;
    const text = section(long).text?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('…')).toBe(true);
    expect(text.slice(0, -1)).toBe('x'.repeat(2990));
    const entity = section(`${'x'.repeat(2990)}&amp;&amp;&amp;`).text?.text ?? '';
    expect(entity.slice(2990)).toBe('&amp;…');
  });
});
