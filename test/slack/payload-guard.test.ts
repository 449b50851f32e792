/**
 * The Slack body guard and the channel's payload readers: for any body a client may send, the
 * guard refuses it with a 400 and a reason or lets through an object, and for any object the
 * readers (workspace, form values, private metadata, button values) return without throwing.
 */
import type { SlashCommand, ViewOutput } from '@slack/bolt';
import fc from 'fast-check';
import { describeRequest } from '../../src/channels/slack/errors';
import {
  formOfState,
  readTarget,
  retryValuesOf,
  workspaceOfCommand,
  workspaceOfInteraction,
} from '../../src/channels/slack/payload';
import { checkSlackBody } from '../../src/channels/slack/payload-guard';
import { HttpError } from '../../src/http/errors';

const FORM = 'application/x-www-form-urlencoded';

describe('the Slack body guard', () => {
  it.each([
    ['payload=null', FORM],
    ['payload=%5B%5D', FORM],
    ['payload=1', FORM],
    ['payload=a&payload=b', FORM],
    ['%70ayload=null', FORM],
    ['text=x&pay%6Coad=%5B%5D', FORM],
    ['null', 'application/json'],
    ['[]', 'application/json'],
    ['hi', 'text/plain'],
  ])('refuses %s (%s)', (body, type) => {
    expect(() => checkSlackBody(type, Buffer.from(body))).toThrow(HttpError);
  });

  it.each([
    ['command=%2Fosto&text=help', FORM],
    [`payload=${encodeURIComponent('{"type":"block_actions"}')}`, FORM],
    ['ssl_check=1&token=x', FORM],
    ['{"type":"event_callback"}', 'application/json; charset=utf-8'],
  ])('lets %s (%s) through to Bolt', (body, type) => {
    expect(() => checkSlackBody(type, Buffer.from(body))).not.toThrow();
  });

  it('for any body and content type: passes, or refuses with a 400 and a reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(FORM, 'application/json', 'text/plain', undefined),
        fc.oneof(
          fc.string(),
          fc.json().map((j) => `payload=${encodeURIComponent(j)}`),
          fc.json(),
          fc.uint8Array().map((b) => Buffer.from(b).toString('latin1')),
        ),
        (type, body) => {
          try {
            checkSlackBody(type, Buffer.from(body, 'latin1'));
            return true;
          } catch (e) {
            return e instanceof HttpError && e.status === 400 && e.reason.length > 0;
          }
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe("the Slack channel's payload readers", () => {
  it('never throw, whatever a (signed) payload holds', () => {
    fc.assert(
      fc.property(fc.anything(), fc.dictionary(fc.string(), fc.anything()), (any, obj) => {
        workspaceOfCommand(obj as unknown as SlashCommand);
        workspaceOfInteraction(obj as never);
        workspaceOfInteraction({ team: any, enterprise: any, user: any } as never);
        formOfState(any as ViewOutput['state']);
        formOfState({ values: any } as ViewOutput['state']);
        formOfState({
          values: { name: any, clientSecret: { value: any } },
        } as unknown as ViewOutput['state']);
        readTarget(typeof any === 'string' ? any : JSON.stringify(any ?? null));
        retryValuesOf(typeof any === 'string' ? any : JSON.stringify(any ?? null));
        describeRequest(any);
        describeRequest(obj);
        return true;
      }),
      { numRuns: 3_000 },
    );
  });

  it('read a submitted form only when every input is of the right shape; otherwise say what is wrong', () => {
    const state = {
      values: {
        name: { value: { type: 'plain_text_input', value: 'Prod' } },
        description: { value: { type: 'plain_text_input', value: 42 } },
        secretExpiresOn: { value: { type: 'datepicker', selected_date: '2027-01-31' } },
      },
    } as unknown as ViewOutput['state'];
    expect(formOfState(state)).toEqual({
      problem: 'values.description.value.value: Expected string, received number',
    });
    const good = {
      values: {
        name: { value: { type: 'plain_text_input', value: 'Prod' } },
        description: { value: { type: 'plain_text_input', value: null } },
        secretExpiresOn: { value: { type: 'datepicker', selected_date: '2027-01-31' } },
      },
    } as unknown as ViewOutput['state'];
    expect(formOfState(good)).toEqual({ name: 'Prod', secretExpiresOn: '2027-01-31' });
  });
});
