// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings test that "${...}" in user text stays literal.
import {
  renderConnectForm,
  renderFailure,
  renderHelp,
  renderMessage,
  renderProgress,
  renderReport,
  renderResult,
  renderRotateForm,
  renderStatus,
} from '../../src/channels/teams/cards';
import type { FormValues } from '../../src/core/views';
import * as s from './samples';
import {
  allNodes,
  bodyOf,
  cardProblems,
  type Json,
  nodesOfType,
  placesOf,
  textElements,
  texts,
} from './validate';

const INJECTED = ['${foo}', '{{x}}', "${if(true, 'a', 'b')}", '${$root.name}'];

/** The "Subscription: name (id)" line, joined from its text runs. */
function subscriptionLine(card: Json): string | undefined {
  const runs = textElements(card);
  const i = runs.findIndex((r) => r.type === 'TextRun' && r.text === 'Subscription: ');
  return i < 0 ? undefined : `${runs[i]?.text}${runs[i + 1]?.text}`;
}

function facts(card: Json): unknown[][] {
  return nodesOfType(card, 'FactSet').flatMap((f) => (f.facts as Json[]).map((x) => [x.title, x.value]));
}

function onlyAction(card: Json): Json {
  const actions = [
    ...((card.actions as Json[] | undefined) ?? []),
    ...nodesOfType(card, 'ActionSet').flatMap((a) => a.actions as Json[]),
  ];
  expect(actions).toHaveLength(1);
  return actions[0] as Json;
}

function expectExecuteWithFallback(
  action: Json,
  title: string,
  verb: string,
  data: Json,
  style?: 'positive' | 'destructive',
): void {
  expect(action).toMatchObject({ type: 'Action.Execute', title, verb, data });
  expect(action.style).toBe(style);
  expect(action.fallback).toEqual({ type: 'Action.Submit', title, data, ...(style ? { style } : {}) });
}

describe('progress card', () => {
  const card = renderProgress(s.progressAllStates);

  it('titles the connection, shows the subscription and one row per stage with its icon', () => {
    const t = texts(card);
    expect(textElements(card)[0]).toMatchObject({
      type: 'TextRun',
      text: `Connecting ${s.LONG_NAME}…`,
      weight: 'bolder',
    });
    expect(t).toContain(`Subscription ${s.SUB}`);
    const rows = bodyOf(card).filter((n) => n.type === 'ColumnSet');
    expect(rows.map((r) => texts(r).slice(0, 2))).toEqual(
      s.progressAllStates.stages.map((st, i) => [['○', '⏳', '✅', '⚠️', '❌', '–'][i], st.title]),
    );
    expect(textElements(rows[4])[2]).toMatchObject({
      text: 'AADSTS7000215: Invalid client secret provided.',
      color: 'attention',
    });
    expect(textElements(rows[1])[1]).toMatchObject({ type: 'TextRun', weight: 'bolder' });
    expect(texts(rows[0] as Json)).toHaveLength(2);
  });

  it('holds no input and no action', () => {
    for (const view of [s.progressView, s.progressAllStates]) {
      const out = renderProgress(view);
      expect(allNodes(out).filter((n) => String(n.type).startsWith('Input.'))).toEqual([]);
      expect(out.actions).toBeUndefined();
    }
  });
});

describe('result card', () => {
  const card = renderResult(s.resultView);

  it('says the connection is Active, with the SPEC facts', () => {
    expect(textElements(card)[0]).toMatchObject({
      type: 'TextRun',
      text: '✅ Production is Active',
      color: 'good',
    });
    expect(textElements(card)[1]).toMatchObject({
      type: 'TextRun',
      text: s.resultView.description,
      isSubtle: true,
    });
    expect(subscriptionLine(card)).toBe(`Subscription: Contoso Production (${s.SUB})`);
    expect(facts(card).slice(0, 5)).toEqual([
      ['Status', 'Active'],
      ['Assets', '1,234'],
      ['Resource groups', '37'],
      ['Locations', '4'],
      ['Secret expires', '2027-06-15 (in 200 days)'],
    ]);
    expect(facts(card).slice(5)).toEqual([
      ['Network interfaces', '310'],
      ['Virtual machines', '212'],
      ['Storage accounts', '48'],
    ]);
  });

  it('shows the severity breakdown in colour', () => {
    const cols = nodesOfType(card, 'Column').map((c) =>
      nodesOfType(c, 'TextBlock').map((t) => [t.text, t.color]),
    );
    expect(cols).toEqual([
      [
        ['2', 'attention'],
        ['Critical', 'attention'],
      ],
      [
        ['11', 'attention'],
        ['High', 'attention'],
      ],
      [
        ['40', 'warning'],
        ['Medium', 'warning'],
      ],
      [
        ['0', 'default'],
        ['Low', 'default'],
      ],
      [
        ['7', 'default'],
        ['Info', 'default'],
      ],
    ]);
    expect(texts(card)).toContain('Findings: 60');
  });

  it('shows each warning with its remedy', () => {
    const t = texts(card);
    for (const w of s.resultView.warnings) {
      const i = t.indexOf(`⚠️ ${w.message}`);
      expect(i).toBeGreaterThan(0);
      expect(textElements(card)[i]).toMatchObject({ type: 'TextRun', color: 'warning', weight: 'bolder' });
      expect(t[i + 1]).toBe(`What to do: ${w.remedy}`);
    }
  });

  it('leaves out what is not there: no severity, no types, no warnings, no description', () => {
    const out = renderResult(s.resultMinimal);
    expect(nodesOfType(out, 'ColumnSet')).toEqual([]);
    expect(nodesOfType(out, 'FactSet')).toHaveLength(1);
    expect(subscriptionLine(out)).toBe(`Subscription: ${s.SUB}`);
    expect(texts(out)).toEqual(['✅ Dev is Active', 'Subscription: ', s.SUB]);
  });

  it('offers "View status"', () => {
    expectExecuteWithFallback(onlyAction(card), 'View status', 'run', {
      action: 'run',
      verb: 'status',
      args: {},
      inPlace: false,
    });
  });
});

describe('failure card', () => {
  const card = renderFailure(s.failureView);

  it('says where and why it failed and what to do', () => {
    expect(texts(card).slice(0, 4)).toEqual([
      '❌ Could not connect Production',
      'Failed at: Sign in to Microsoft Entra ID',
      s.failureView.reason,
      `What to do: ${s.failureView.remedy}`,
    ]);
    expect(textElements(card)[0]).toMatchObject({ type: 'TextRun', color: 'attention', weight: 'bolder' });
  });

  it('"Try again" carries the form values but never a secret', () => {
    const sneaky = { ...s.filledForm.values, clientSecret: 'Abc8Q~shh' } as FormValues;
    const out = renderFailure({ ...s.failureView, retryValues: sneaky });
    expect(cardProblems(out)).toEqual([]);
    const action = onlyAction(out);
    expectExecuteWithFallback(action, 'Try again', 'run', {
      action: 'run',
      verb: 'connect',
      args: { provider: 'azure', ...s.filledForm.values },
      inPlace: true,
    });
    expect(Object.keys((action.data as Json).args as Json)).not.toContain('clientSecret');
    expect(JSON.stringify(out)).not.toContain('Abc8Q~shh');
  });
});

describe('status card', () => {
  it('shows one block per connection, coloured by status', () => {
    const card = renderStatus(s.statusView);
    const rows = bodyOf(card).filter((n) => n.type === 'Container');
    expect(rows).toHaveLength(2);
    const [active, broken] = rows as [Json, Json];
    expect(textElements(active).slice(0, 2)).toEqual([
      expect.objectContaining({ type: 'TextRun', text: 'Production', weight: 'bolder' }),
      expect.objectContaining({ type: 'TextBlock', text: 'Active', color: 'good' }),
    ]);
    expect(subscriptionLine(active)).toBe(`Subscription: Contoso Production (${s.SUB})`);
    expect(facts(active)).toEqual([
      ['Assets', '1,234'],
      ['Last sync', '3 hours ago'],
      ['Secret expires', '2027-06-15 (in 200 days)'],
      ['Findings', '2 critical · 11 high · 40 medium · 0 low · 7 informational'],
    ]);
    expect(textElements(broken).slice(0, 3)).toEqual([
      expect.objectContaining({ type: 'TextRun', text: s.LONG_NAME, weight: 'bolder' }),
      expect.objectContaining({ type: 'TextBlock', text: 'Error', color: 'attention' }),
      expect.objectContaining({
        type: 'TextRun',
        text: s.statusView.rows[1]?.statusReason,
        color: 'attention',
        spacing: 'none',
      }),
    ]);
    expect(facts(broken)).toContainEqual(['Assets', 'unknown']);
    expect(texts(active)).toHaveLength(4);
    expect(texts(card)).toContain('2 connections · 1 in Error');
    expect(JSON.stringify(card)).not.toContain('No Azure subscription');
  });

  it('when empty, says how to connect and offers "Connect Azure"', () => {
    const card = renderStatus(s.emptyStatusView);
    expect(texts(card)).toEqual([
      'Azure connections',
      'No Azure subscription is connected yet. Type /osto connect azure to connect one.',
    ]);
    expectExecuteWithFallback(
      onlyAction(card),
      'Connect Azure',
      'run',
      {
        action: 'run',
        verb: 'connect',
        args: {},
        inPlace: false,
      },
      'positive',
    );
  });
});

describe('help card', () => {
  it('says what it did not understand, suggests, and lists the commands in monospace', () => {
    const card = renderHelp(s.helpView);
    expect(texts(card).slice(0, 2)).toEqual([
      "I didn't understand “stauts prod”.",
      'Did you mean status prod?',
    ]);
    expect(textElements(card)[0]).toMatchObject({ type: 'TextRun', weight: 'bolder' });
    const usages = textElements(card).filter((t) => t.fontType === 'monospace');
    expect(usages.map((u) => u.text)).toEqual(s.helpView.commands.map((c) => c.usage));
    expect(nodesOfType(card, 'Container').map((c) => textElements(c))).toEqual(
      s.helpView.commands.map((c) => [
        expect.objectContaining({ type: 'TextBlock', text: c.usage, fontType: 'monospace' }),
        expect.objectContaining({ type: 'TextRun', text: c.description, isSubtle: true, spacing: 'none' }),
      ]),
    );
  });

  it('shows only the list when everything was understood', () => {
    const t = texts(renderHelp({ ...s.helpView, unknown: '', didYouMean: '' }));
    expect(t[0]).toBe('Osto commands');
    expect(t.join('\n')).not.toMatch(/understand|Did you mean/);
  });
});

describe('message card', () => {
  it('shows the title and the text', () => {
    expect(textElements(renderMessage(s.messageView))).toEqual([
      expect.objectContaining({
        type: 'TextRun',
        text: s.messageView.title,
        weight: 'bolder',
        size: 'medium',
      }),
      expect.objectContaining({ type: 'TextRun', text: s.messageView.text }),
    ]);
  });

  it('paints a destructive action red and a primary one as the main action; others plain', () => {
    const run = (verb: string) => ({ verb, args: { name: 'Prod' } });
    const card = renderMessage({
      title: 'Disconnect Prod?',
      text: 'This deletes the connection.',
      tone: 'bad',
      actions: [
        { label: 'Disconnect', run: run('disconnect'), style: 'danger', inPlace: true },
        { label: 'Update secret', run: run('rotate'), style: 'primary' },
        { label: 'Cancel', run: run('disconnect'), inPlace: true },
      ],
    });
    const actions = card.actions as Json[];
    expect(actions.map((a) => [a.title, a.style])).toEqual([
      ['Disconnect', 'destructive'],
      ['Update secret', 'positive'],
      ['Cancel', undefined],
    ]);
    expect(cardProblems(card)).toEqual([]);
  });
});

describe('user text is data, never template', () => {
  it.each(INJECTED)('%s is rendered literally on every card', (evil) => {
    const cards = [
      renderProgress({
        ...s.progressView,
        title: evil,
        stages: [{ id: 'signin', title: 'Sign in', state: 'error', icon: '❌', tone: 'bad', note: evil }],
      }),
      renderResult({
        ...s.resultView,
        title: evil,
        description: evil,
        warnings: [{ message: evil, remedy: evil }],
      }),
      renderFailure({ ...s.failureView, title: evil, reason: evil, retryValues: { name: evil } }),
      renderStatus({
        ...s.statusView,
        rows: [{ ...(s.statusView.rows[1] as (typeof s.statusView.rows)[number]), name: evil }],
      }),
      renderHelp({ ...s.helpView, unknown: evil, commands: [{ usage: evil, description: evil }] }),
      renderMessage({ title: evil, text: evil }),
    ];
    for (const card of cards) {
      expect(cardProblems(card)).toEqual([]);
      expect(texts(card).some((t) => t.includes(evil))).toBe(true);
    }
    expect(onlyAction(cards[2] as Json).data).toEqual({
      action: 'run',
      verb: 'connect',
      args: { provider: 'azure', name: evil },
      inPlace: true,
    });
  });
});

/**
 * Teams renders markdown in TextBlock.text and in Fact titles and values, so a connection named
 * "[Re-verify here](https://evil.example)" there would be a link the whole team sees. TextRun
 * text is never markdown; input values and action data are not rendered as text at all.
 */
const MARKDOWN = ['[Re-verify here](https://evil.example)', '**bold**'];
const NOT_MARKDOWN = /^(TextRun\.text|Input\.Text\.value|Action\.(Execute|Submit)\.data\..+)$/;

/** Each card with user text, and how many TextRuns show that text. */
function cardsShowing(md: string): [string, Json, number][] {
  const row = s.statusView.rows[1] as (typeof s.statusView.rows)[number];
  return [
    [
      'connect form',
      renderConnectForm({
        values: { ...s.filledForm.values, name: md, description: md },
        notice: `Fix ${md}.`,
        errors: [
          { field: 'name', message: `A connection named "${md}" already exists here. Pick another name.` },
          { field: 'description', message: md },
        ],
      }),
      3,
    ],
    [
      'progress',
      renderProgress({ ...s.progressView, title: md, subtitle: `${md} keeps its current secret.` }),
      2,
    ],
    [
      'rotate form',
      renderRotateForm({
        name: md,
        subscription: md,
        clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21',
        currentExpiry: '2027-06-15 (in 196 days)',
        values: {},
        errors: [{ field: 'clientSecret', message: md }],
        notice: md,
      }),
      4,
    ],
    [
      'report',
      renderReport({
        title: md,
        tone: 'bad',
        subtitle: md,
        facts: [{ label: 'Assets', value: '137' }],
        sections: [
          {
            heading: 'New findings',
            lines: [md],
            items: [{ title: md, badge: 'High', tone: 'bad', lines: [md] }],
          },
        ],
        notes: [md],
        actions: [{ label: 'View findings', run: { verb: 'findings', args: { name: md } } }],
      }),
      6,
    ],
    [
      'result',
      renderResult({ ...s.resultView, title: md, description: md, warnings: [{ message: md, remedy: 'x' }] }),
      3,
    ],
    ['failure', renderFailure({ ...s.failureView, title: md, reason: md, retryValues: { name: md } }), 2],
    ['status', renderStatus({ ...s.statusView, rows: [{ ...row, name: md, statusReason: md }] }), 2],
    ['help', renderHelp({ ...s.helpView, unknown: md, commands: [{ usage: 'help', description: md }] }), 2],
    ['message', renderMessage({ title: md, text: md }), 2],
  ];
}

describe('user text is never rendered as markdown', () => {
  it.each(MARKDOWN)('%s appears only in TextRuns, never in a TextBlock or a Fact', (md) => {
    for (const [card, out, runs] of cardsShowing(md)) {
      expect([card, cardProblems(out)]).toEqual([card, []]);
      const places = placesOf(out, md);
      expect([card, places.filter((p) => !NOT_MARKDOWN.test(p))]).toEqual([card, []]);
      const shown = textElements(out).filter((t) => t.text.includes(md));
      expect([card, shown.map((t) => t.type)]).toEqual([card, Array(runs).fill('TextRun')]);
      // The same checks by name: no TextBlock text, no Fact title or value holds it.
      expect(nodesOfType(out, 'TextBlock').filter((t) => String(t.text).includes(md))).toEqual([]);
      const facts = nodesOfType(out, 'FactSet').flatMap((f) => f.facts as Json[]);
      expect(facts.filter((f) => `${f.title}\n${f.value}`.includes(md))).toEqual([]);
    }
  });

  // Anyone who can rename the subscription in Azure controls its name, and Fact.value renders markdown.
  it.each(MARKDOWN)('%s as the Azure subscription name stays out of Fact values', (md) => {
    const row = s.statusView.rows[0] as (typeof s.statusView.rows)[number];
    for (const out of [
      renderResult({ ...s.resultView, subscription: md }),
      renderStatus({ ...s.statusView, rows: [{ ...row, subscription: md }] }),
    ]) {
      expect(placesOf(out, md).filter((p) => !NOT_MARKDOWN.test(p))).toEqual([]);
    }
  });

  // Stage notes carry the subscription's display name and role names (custom roles included).
  it.each(MARKDOWN)('%s in a stage note (subscription or role name) stays out of TextBlocks', (md) => {
    const out = renderProgress({
      ...s.progressView,
      stages: [
        {
          id: 'subscription',
          title: 'Subscription',
          state: 'ok',
          icon: '✅',
          tone: 'neutral',
          note: `${md} (Enabled)`,
        },
      ],
    });
    expect(placesOf(out, md).filter((p) => !NOT_MARKDOWN.test(p))).toEqual([]);
  });
});
