/**
 * Thousands of random commands and payloads at the command parser, the form validators and both
 * channels' payload readers: nothing throws, every refusal says something, and a member's input
 * changes nothing in the store.
 */

import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { invocationOf } from '../../src/channels/slack/actions';
import { formOfState, readTarget, retryValuesOf } from '../../src/channels/slack/payload';
import { cardActionOf } from '../../src/channels/teams/activity';
import { runCommand, runText } from '../../src/core/commands/run';
import { VERBS } from '../../src/core/commands/table';
import { beginConnect } from '../../src/core/connect/begin';
import type { Reply } from '../../src/core/reply';
import { validateRotate } from '../../src/core/rotate/form';
import { validateConnectInput } from '../../src/core/validate-connect-input';
import { connectThrough, coreWorld } from '../support/core-harness';

const RUNS = { numRuns: 1_000 };

/** Words a person reads in a reply (every reply must have some). */
function words(r: Reply): string {
  switch (r.kind) {
    case 'message':
      return `${r.view.title} ${r.view.text}`;
    case 'help':
      return r.view.intro;
    case 'status':
      return r.view.summary || (r.view.empty?.text ?? '');
    case 'report':
      return r.view.title;
    case 'connect-form':
      return 'form';
    case 'rotate-form':
      return r.form.name;
    default:
      return JSON.stringify(r);
  }
}

const verb = fc.constantFrom(...VERBS.map((v) => v.name), 'connect azure', 'osto', '/osto', '@Osto');
const junk = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constant('Production'),
);
const commandText = fc.oneof(
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.tuple(verb, fc.array(junk, { maxLength: 4 })).map(([v, a]) => [v, ...a].join(' ')),
);
const anything = fc.anything({ maxDepth: 3 });

async function memberWorld() {
  const w = coreWorld();
  await connectThrough(w, {
    name: 'Production',
    subscriptionId: '9531985d-5d9d-49f8-9818-e811892f902b',
    clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21',
    tenantId: 'contoso.onmicrosoft.com',
    clientSecret: 'Abc8Q~property-test-secret-0123456789abcdef',
  });
  w.core.admins = ['boss'];
  return w;
}

describe('random commands', () => {
  it('typed by a member: never a crash, always words, the store unchanged', async () => {
    const w = await memberWorld();
    const before = w.store.dump();
    await fc.assert(
      fc.asyncProperty(commandText, async (text) => {
        const r = await runText(w.core, w.ctx({ actor: 'eve' }), text);
        expect(words(r).trim().length).toBeGreaterThan(0);
        expect(w.store.dump()).toBe(before);
      }),
      RUNS,
    );
  });

  it('sent as button invocations with random arguments by a member: the same', async () => {
    const w = await memberWorld();
    const before = w.store.dump();
    const args = fc.dictionary(
      fc.constantFrom('name', 'severity', 'offset', 'level', 'duration', 'confirm', 'cancel', 'x'),
      junk,
    );
    await fc.assert(
      fc.asyncProperty(verb, args, async (v, a) => {
        const r = await runCommand(w.core, w.ctx({ actor: 'eve' }), { verb: v, args: a });
        expect(words(r).trim().length).toBeGreaterThan(0);
        expect(w.store.dump()).toBe(before);
      }),
      RUNS,
    );
  });
});

describe('random forms', () => {
  const field = fc.oneof(junk, anything);
  const form = fc.record(
    {
      name: field,
      description: field,
      subscriptionId: field,
      clientId: field,
      clientSecret: field,
      tenantId: field,
      secretExpiresOn: field,
    },
    { requiredKeys: [] },
  );

  it('the connect and rotate validators never throw; each error names a field and says something', () => {
    fc.assert(
      fc.property(form, (raw) => {
        const r = validateConnectInput(raw);
        if (!r.ok)
          for (const e of r.errors) expect([e.field.length > 0, e.message.length > 0]).toEqual([true, true]);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(form, (raw) => {
        const c = {
          subscriptionId: '9531985d-5d9d-49f8-9818-e811892f902b',
          clientId: 'f53d4330-cd3a-4a35-8a32-0e8a57d6dd21',
          tenantId: 'contoso.onmicrosoft.com',
        } as Parameters<typeof validateRotate>[0];
        const r = validateRotate(c, raw);
        if (!r.ok) for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('submitted by an admin: either refused whole (nothing stored) or stored whole (one attempt, one secret)', async () => {
    const w = coreWorld();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(form, async (raw) => {
        n += 1;
        const before = w.store.dump();
        const r = await beginConnect(w.core, w.ctx(), `key-${n}`, raw, {
          channel: 'teams',
          workspaceId: 'teams:t1',
          conversationKey: 'c',
        });
        if (r.kind === 'started') {
          expect(await w.store.attempts.get('teams:t1', r.attempt.id)).toBeDefined();
          expect(await w.store.attempts.readSecret('teams:t1', r.attempt.id)).toBe(
            String(raw.clientSecret).trim(),
          );
        } else {
          expect(r.kind).toBe('invalid');
          // Only the workspace record may appear (upserted before the checks); no attempt, no secret.
          expect(w.store.secrets().length).toBe(JSON.parse(before).attemptSecrets.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('random channel payloads', () => {
  it('Teams card actions: never a crash; a refusal always has a reason', () => {
    const value = fc.oneof(
      anything,
      fc.record({
        action: fc.constantFrom('run', 'connect', 'rotate', 'cancel', 'retry', 'x'),
        verb: junk,
        args: anything,
      }),
    );
    fc.assert(
      fc.property(value, fc.boolean(), (v, invoke) => {
        const activity = (invoke
          ? { type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: 'run', data: v } } }
          : { type: 'message', value: v }) as unknown as Activity;
        const a = cardActionOf(activity);
        if (a?.intent.kind === 'invalid') expect(a.intent.problem.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('Slack buttons, modal states, metadata and retry values: never a crash; a refusal always has a reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('osto_run:sync:Sync', 'osto_retry', 'osto_status', 'x'),
        fc.option(fc.oneof(junk, fc.json())),
        (id, value) => {
          const r = invocationOf(id, value ?? undefined);
          if (r && 'invalid' in r) expect(r.invalid.length).toBeGreaterThan(0);
          retryValuesOf(value ?? undefined);
          readTarget(value ?? undefined);
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(anything, (state) => {
        const raw = formOfState(state as Parameters<typeof formOfState>[0]);
        for (const [k, v] of Object.entries(raw)) if (k !== 'problem') expect(typeof v).toBe('string');
      }),
      RUNS,
    );
  });
});
