// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings test that "${...}" in user text stays literal.
import {
  renderFailure,
  renderHelp,
  renderMessage,
  renderProgress,
  renderResult,
  renderStatus,
} from '../../src/channels/teams/cards';
import type { FormValues } from '../../src/core/views';
import * as s from './samples';
import { allNodes, bodyOf, cardProblems, type Json, nodesOfType, texts } from './validate';

const INJECTED = ['${foo}', '{{x}}', "${if(true, 'a', 'b')}", '${$root.name}'];

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

function expectExecuteWithFallback(action: Json, title: string, verb: string, data: Json): void {
  expect(action).toMatchObject({ type: 'Action.Execute', title, verb, data });
  expect(action.fallback).toEqual({ type: 'Action.Submit', title, data });
}

describe('progress card', () => {
  const card = renderProgress(s.progressAllStates);

  it('titles the connection, shows the subscription and one row per stage with its icon', () => {
    const t = texts(card);
    expect(t[0]).toBe(`Connecting ${s.LONG_NAME}…`);
    expect(t).toContain(`Subscription ${s.SUB}`);
    const rows = bodyOf(card).filter((n) => n.type === 'ColumnSet');
    expect(rows.map((r) => texts(r).slice(0, 2))).toEqual(
      s.progressAllStates.stages.map((st, i) => [['○', '⏳', '✅', '⚠️', '❌', '–'][i], st.title]),
    );
    expect(texts(rows[4] as Json)[2]).toBe('AADSTS7000215: Invalid client secret provided.');
    expect(nodesOfType(rows[4] as Json, 'TextBlock')[2]).toMatchObject({ color: 'attention' });
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
    expect(texts(card)[0]).toBe('✅ Production is Active');
    expect(facts(card).slice(0, 6)).toEqual([
      ['Subscription', `Contoso Production (${s.SUB})`],
      ['Status', 'Active'],
      ['Assets', '1,234'],
      ['Resource groups', '37'],
      ['Locations', '4'],
      ['Secret expires', '2027-06-15 (in 200 days)'],
    ]);
    expect(facts(card).slice(6)).toEqual([
      ['Microsoft.Network/networkInterfaces', '310'],
      ['Microsoft.Compute/virtualMachines', '212'],
      ['Microsoft.Storage/storageAccounts', '48'],
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
      expect(t[i + 1]).toBe(`What to do: ${w.remedy}`);
    }
  });

  it('leaves out what is not there: no severity, no types, no warnings, no description', () => {
    const out = renderResult(s.resultMinimal);
    expect(nodesOfType(out, 'ColumnSet')).toEqual([]);
    expect(nodesOfType(out, 'FactSet')).toHaveLength(1);
    expect(facts(out)).toContainEqual(['Subscription', s.SUB]);
    expect(texts(out)).toEqual(['✅ Dev is Active']);
  });

  it('offers "View status"', () => {
    expectExecuteWithFallback(onlyAction(card), 'View status', 'status', { action: 'status' });
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
  });

  it('"Try again" carries the form values but never a secret', () => {
    const sneaky = { ...s.filledForm.values, clientSecret: 'Abc8Q~shh' } as FormValues;
    const out = renderFailure({ ...s.failureView, retryValues: sneaky });
    expect(cardProblems(out)).toEqual([]);
    const action = onlyAction(out);
    expectExecuteWithFallback(action, 'Try again', 'retry', { action: 'retry', values: s.filledForm.values });
    expect(Object.keys((action.data as Json).values as Json)).not.toContain('clientSecret');
    expect(JSON.stringify(out)).not.toContain('Abc8Q~shh');
  });

  it('names the subscription when the name itself was missing', () => {
    expect(texts(renderFailure({ ...s.failureView, name: ' ' }))[0]).toBe(
      '❌ Could not connect the subscription',
    );
  });
});

describe('status card', () => {
  it('shows one block per connection, coloured by status', () => {
    const card = renderStatus(s.statusView);
    const rows = bodyOf(card).filter((n) => n.type === 'Container');
    expect(rows).toHaveLength(2);
    const [active, broken] = rows as [Json, Json];
    expect(nodesOfType(active, 'TextBlock').slice(0, 2)).toEqual([
      expect.objectContaining({ text: 'Production', weight: 'bolder' }),
      expect.objectContaining({ text: 'Active', color: 'good' }),
    ]);
    expect(facts(active)).toEqual([
      ['Subscription', `Contoso Production (${s.SUB})`],
      ['Assets', '1,234'],
      ['Last sync', '3 hours ago'],
      ['Secret expires', '2027-06-15 (in 200 days)'],
      ['Findings', '2 critical · 11 high · 40 medium · 0 low · 7 informational'],
    ]);
    expect(nodesOfType(broken, 'TextBlock').slice(1, 3)).toEqual([
      expect.objectContaining({ text: 'Error', color: 'attention' }),
      expect.objectContaining({ text: s.statusView.rows[1]?.statusReason, color: 'attention' }),
    ]);
    expect(facts(broken)).toContainEqual(['Assets', 'unknown']);
    expect(texts(active)).toHaveLength(2);
    expect(texts(card)).toContain('2 connections · 1 in Error');
    expect(JSON.stringify(card)).not.toContain('No Azure subscription');
  });

  it('when empty, says how to connect and offers "Connect Azure"', () => {
    const card = renderStatus({ rows: [] });
    expect(texts(card)).toEqual([
      'Azure connections',
      'No Azure subscription is connected yet.',
      'Type /osto connect azure to connect one.',
    ]);
    expectExecuteWithFallback(onlyAction(card), 'Connect Azure', 'connect-form', { action: 'connect-form' });
  });
});

describe('help card', () => {
  it('says what it did not understand, suggests, and lists the commands in monospace', () => {
    const card = renderHelp(s.helpView);
    expect(texts(card).slice(0, 2)).toEqual([
      "I didn't understand “stauts prod”.",
      'Did you mean status prod?',
    ]);
    const usages = nodesOfType(card, 'TextBlock').filter((t) => t.fontType === 'monospace');
    expect(usages.map((u) => u.text)).toEqual(s.helpView.commands.map((c) => c.usage));
    expect(texts(card)).toEqual(expect.arrayContaining(s.helpView.commands.map((c) => c.description)));
  });

  it('shows only the list when everything was understood', () => {
    const t = texts(renderHelp({ commands: s.helpView.commands }));
    expect(t[0]).toBe('Osto commands');
    expect(t.join('\n')).not.toMatch(/understand|Did you mean/);
  });
});

describe('message card', () => {
  it('shows the title and the text', () => {
    expect(texts(renderMessage(s.messageView))).toEqual([s.messageView.title, s.messageView.text]);
  });
});

describe('user text is data, never template', () => {
  it.each(INJECTED)('%s is rendered literally on every card', (evil) => {
    const cards = [
      renderProgress({
        ...s.progressView,
        name: evil,
        stages: [{ id: 'signin', title: 'Sign in', state: 'error', note: evil }],
      }),
      renderResult({
        ...s.resultView,
        name: evil,
        description: evil,
        warnings: [{ message: evil, remedy: evil }],
      }),
      renderFailure({ ...s.failureView, name: evil, reason: evil, retryValues: { name: evil } }),
      renderStatus({
        rows: [{ ...(s.statusView.rows[1] as (typeof s.statusView.rows)[number]), name: evil }],
      }),
      renderHelp({ unknown: evil, commands: [{ usage: evil, description: evil }] }),
      renderMessage({ title: evil, text: evil }),
    ];
    for (const card of cards) {
      expect(cardProblems(card)).toEqual([]);
      expect(texts(card).some((t) => t.includes(evil))).toBe(true);
    }
    expect(onlyAction(cards[2] as Json).data).toEqual({ action: 'retry', values: { name: evil } });
  });
});
