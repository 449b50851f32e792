// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings test that "${...}" in user text stays literal.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderConnectForm } from '../../src/channels/teams/cards';
import type { ConnectField } from '../../src/core/verification';
import type { FormValues } from '../../src/core/views';
import * as s from './samples';
import { bodyOf, cardProblems, type Json, nodesOfType, textElements, texts } from './validate';

const FIELDS: [ConnectField, string, string][] = [
  ['name', 'Name', "Unique among this organization's connections, at most 64 characters, e.g. Production"],
  ['description', 'Description', 'Optional, at most 256 characters.'],
  ['subscriptionId', 'Subscription ID', 'Azure portal → Subscriptions → your subscription → Subscription ID'],
  ['clientId', 'Client ID', 'App registrations → your app → Overview → Application (client) ID'],
  [
    'clientSecret',
    'Client Secret',
    'App registrations → your app → Certificates & secrets → the Value column (not the Secret ID). Shown once, when created.',
  ],
  ['tenantId', 'Tenant ID', 'Microsoft Entra ID → Overview → Tenant ID (or a verified domain)'],
  [
    'secretExpiresOn',
    'Secret expires on',
    "Optional. Used when the bot can't read the date from Microsoft Graph.",
  ],
];
const REQUIRED = ['name', 'subscriptionId', 'clientId', 'clientSecret', 'tenantId'];
const SECRET = 'Abc8Q~abcdefghijklmnopqrstuvwxyz0123456';

function inputs(card: Json): Json[] {
  return bodyOf(card).filter((n) => String(n.type).startsWith('Input.'));
}

function input(card: Json, id: string): Json {
  const found = inputs(card).find((n) => n.id === id);
  if (!found) throw new Error(`no input ${id}`);
  return found;
}

/** The body elements between an input and the next input. */
function under(card: Json, id: string): Json[] {
  const body = bodyOf(card);
  const start = body.findIndex((n) => n.id === id);
  const next = body.findIndex((n, i) => i > start && String(n.type).startsWith('Input.'));
  return body.slice(start + 1, next === -1 ? undefined : next);
}

describe('connect form card (SPEC 1.1)', () => {
  const card = renderConnectForm(s.emptyForm);

  it('has exactly the SPEC inputs, ids and labels, in order', () => {
    expect(inputs(card).map((n) => [n.id, n.label])).toEqual(FIELDS.map(([id, label]) => [id, label]));
    expect(input(card, 'secretExpiresOn').type).toBe('Input.Date');
    expect(inputs(card).filter((n) => n.type === 'Input.Text')).toHaveLength(6);
  });

  it('masks the secret and requires it', () => {
    expect(input(card, 'clientSecret')).toMatchObject({
      type: 'Input.Text',
      style: 'password',
      isRequired: true,
    });
  });

  it('marks required fields with an error message, and only those', () => {
    for (const n of inputs(card)) {
      expect([n.id, n.isRequired === true]).toEqual([n.id, REQUIRED.includes(String(n.id))]);
      expect(typeof n.errorMessage).toBe('string');
    }
    // No client-side maxLength (a pasted name would be cut short silently): a regex flags a long
    // name together with the other fields, and the bot says how long it is.
    expect(input(card, 'name').maxLength).toBeUndefined();
    const name = new RegExp(String(input(card, 'name').regex));
    expect(['Production', 'x'.repeat(64)].map((v) => name.test(v))).toEqual([true, true]);
    expect(['', 'x'.repeat(65)].map((v) => name.test(v))).toEqual([false, false]);
    expect(input(card, 'description')).toMatchObject({ isMultiline: true });
    expect(input(card, 'description').maxLength).toBeUndefined();
    const description = new RegExp(String(input(card, 'description').regex));
    expect(['', 'two\nlines', 'x'.repeat(256), 'x'.repeat(257)].map((v) => description.test(v))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('checks GUIDs in any case, and a tenant GUID or domain, with anchored regexes', () => {
    const guid = (id: string) => new RegExp(String(input(card, id).regex));
    for (const id of ['subscriptionId', 'clientId', 'tenantId']) {
      expect(guid(id).test(s.SUB)).toBe(true);
      expect(guid(id).test(s.SUB.toUpperCase())).toBe(true);
      expect(guid(id).test(` {${s.SUB}} `)).toBe(true);
      expect(guid(id).test(`${s.SUB}x`)).toBe(false);
      expect(guid(id).test('not-a-guid')).toBe(false);
    }
    expect(guid('tenantId').test('contoso.onmicrosoft.com')).toBe(true);
    expect(guid('tenantId').test('Contoso.OnMicrosoft.com')).toBe(true);
    expect(guid('tenantId').test('contoso')).toBe(false);
    expect(guid('subscriptionId').test('contoso.onmicrosoft.com')).toBe(false);
  });

  it('puts a "where do I find this?" hint under every input', () => {
    for (const [id, , hint] of FIELDS) {
      expect(under(card, id)).toEqual([
        expect.objectContaining({ type: 'TextBlock', text: hint, isSubtle: true }),
      ]);
    }
  });

  it('pre-fills the values it is given', () => {
    const filled = renderConnectForm(s.filledForm);
    for (const [field, value] of Object.entries(s.filledForm.values))
      expect(input(filled, field).value).toBe(value);
  });

  it('never holds a secret: no binding for it, no value even when one is passed', () => {
    const template = JSON.parse(
      readFileSync(resolve(__dirname, '../../cards/connect-form.json'), 'utf8'),
    ) as Json;
    const secretInput = nodesOfType(template, 'Input.Text').find((n) => n.id === 'clientSecret');
    expect(secretInput).toBeDefined();
    expect(Object.keys(secretInput ?? {})).not.toContain('value');
    expect(JSON.stringify(template)).not.toMatch(/values\.clientSecret|\$\{clientSecret/);

    const sneaky = { ...s.filledForm.values, clientSecret: SECRET } as FormValues;
    const withSecretElsewhere = { ...s.filledForm.values, description: `secret is ${SECRET}` };
    for (const values of [sneaky, withSecretElsewhere]) {
      const out = renderConnectForm({ values, errors: [] });
      expect(input(out, 'clientSecret').value).toBeUndefined();
      expect(cardProblems(out)).toEqual([]);
    }
    expect(JSON.stringify(renderConnectForm({ values: sneaky, errors: [] }))).not.toContain(SECRET);
  });

  it('drops a date Input.Date cannot hold', () => {
    expect(input(renderConnectForm(s.formWithAllErrors), 'secretExpiresOn').value).toBe('');
  });

  it('shows each field error in red right under its input, and the notice on top', () => {
    const out = renderConnectForm(s.formWithAllErrors);
    for (const { field, message } of s.formWithAllErrors.errors) {
      expect(textElements(under(out, field)[0])).toEqual([
        expect.objectContaining({ type: 'TextRun', text: message, color: 'attention', size: 'small' }),
      ]);
    }
    const firstInput = bodyOf(out).findIndex((n) => n.id === 'name');
    const notice = bodyOf(out).findIndex((n) => texts(n).includes(String(s.formWithAllErrors.notice)));
    expect(notice).toBeGreaterThanOrEqual(0);
    expect(notice).toBeLessThan(firstInput);
    expect(textElements(bodyOf(out)[notice])).toEqual([
      expect.objectContaining({
        type: 'TextRun',
        text: s.formWithAllErrors.notice,
        color: 'attention',
        weight: 'bolder',
      }),
    ]);
  });

  it('joins two errors of one field and shows none for a clean form', () => {
    const out = renderConnectForm({
      values: {},
      errors: [
        { field: 'tenantId', message: 'One.' },
        { field: 'tenantId', message: 'Two.' },
      ],
    });
    expect(textElements(under(out, 'tenantId')[0])).toEqual([
      expect.objectContaining({ type: 'TextRun', text: 'One. Two.', color: 'attention' }),
    ]);
    expect(under(out, 'clientId')).toHaveLength(1);
    expect(textElements(card).filter((n) => n.color === 'attention')).toEqual([]);
  });

  it('connects and cancels with Action.Execute, falling back to Action.Submit with the same data', () => {
    const actions = card.actions as Json[];
    expect(actions.map((a) => [a.type, a.title, a.verb, a.data])).toEqual([
      ['Action.Execute', 'Connect', 'connect', { action: 'connect' }],
      ['Action.Execute', 'Cancel', 'cancel', { action: 'cancel' }],
    ]);
    for (const a of actions) {
      expect(a.fallback).toMatchObject({ type: 'Action.Submit', title: a.title, data: a.data });
    }
    // Cancel neither validates nor sends the inputs (the secret among them).
    expect(actions[1]).toMatchObject({ associatedInputs: 'none', fallback: { associatedInputs: 'none' } });
  });

  it('shows user text literally: no template expression or double braces are evaluated', () => {
    const out = renderConnectForm({
      values: { name: '${foo}', description: "{{x}} ${values.name} ${if(true, 'a', 'b')}" },
      errors: [{ field: 'name', message: 'Name "${foo}" is taken.' }],
      notice: '${notice}',
    });
    expect(input(out, 'name').value).toBe('${foo}');
    expect(input(out, 'description').value).toBe("{{x}} ${values.name} ${if(true, 'a', 'b')}");
    expect(texts(out)).toEqual(expect.arrayContaining(['Name "${foo}" is taken.', '${notice}']));
  });
});
