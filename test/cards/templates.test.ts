import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type AdaptiveCardJson,
  CARD_CONTENT_TYPE,
  CARD_TEMPLATES,
  renderConnectForm,
  renderFailure,
  renderHelp,
  renderMessage,
  renderProgress,
  renderResult,
  renderStatus,
} from '../../src/channels/teams/cards';
import * as s from './samples';
import { cardProblems, type Json } from './validate';

const samples: [string, () => AdaptiveCardJson][] = [
  ['connect form, empty', () => renderConnectForm(s.emptyForm)],
  ['connect form, filled', () => renderConnectForm(s.filledForm)],
  ['connect form, an error on every field', () => renderConnectForm(s.formWithAllErrors)],
  ['progress', () => renderProgress(s.progressView)],
  ['progress, every state, long name', () => renderProgress(s.progressAllStates)],
  ['progress, no stages', () => renderProgress({ ...s.progressView, stages: [] })],
  ['result', () => renderResult(s.resultView)],
  ['result, minimal', () => renderResult(s.resultMinimal)],
  [
    'result, long texts',
    () => renderResult({ ...s.resultView, name: s.LONG_NAME, description: s.VERY_LONG }),
  ],
  ['failure', () => renderFailure(s.failureView)],
  ['failure, no values to retry', () => renderFailure({ ...s.failureView, retryValues: {} })],
  [
    'failure, long texts',
    () => renderFailure({ ...s.failureView, reason: s.VERY_LONG, remedy: s.VERY_LONG }),
  ],
  ['status', () => renderStatus(s.statusView)],
  ['status, empty', () => renderStatus(s.emptyStatusView)],
  ['help', () => renderHelp(s.helpView)],
  ['help, plain', () => renderHelp({ ...s.helpView, unknown: '', didYouMean: '' })],
  ['message', () => renderMessage(s.messageView)],
  ['message, long', () => renderMessage({ title: s.LONG_NAME, text: s.VERY_LONG })],
];

describe('card templates expand into valid Adaptive Cards 1.5', () => {
  it.each(samples)('%s: the adaptivecards parser reports nothing', (_name, render) => {
    const card = render();
    expect(cardProblems(card)).toEqual([]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it.each(samples)('%s: every binding is resolved', (_name, render) => {
    expect(JSON.stringify(render())).not.toContain('${');
  });

  it('has one render function per template file, and no other template', () => {
    const files = readdirSync(resolve(__dirname, '../../cards'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(Object.keys(CARD_TEMPLATES).sort()).toEqual(files);
  });

  it('exports the attachment content type', () => {
    expect(CARD_CONTENT_TYPE).toBe('application/vnd.microsoft.card.adaptive');
  });
});

describe('the validator used above catches what it should', () => {
  const base = { type: 'AdaptiveCard', version: '1.5' };

  it('an unknown element or action type', () => {
    expect(cardProblems({ ...base, body: [{ type: 'TextBlok', text: 'x' }] }).join()).toMatch(
      /UnknownElementType/,
    );
    expect(cardProblems({ ...base, actions: [{ type: 'Action.Run', title: 'x' }] }).join()).toMatch(
      /UnknownActionType/,
    );
  });

  it('a bad property value, an unknown property, a newer version', () => {
    expect(cardProblems({ ...base, body: [{ type: 'TextBlock', text: 'x', color: 'red' }] })).not.toEqual([]);
    expect(cardProblems({ ...base, body: [{ type: 'TextBlock', text: 'x', colr: 'good' }] })).toEqual([
      'not understood by the parser: $.body[0].colr',
    ]);
    expect(cardProblems({ ...base, version: '1.6' })).not.toEqual([]);
  });

  it('a bad or unknown property of a TextRun', () => {
    const rich = (run: Json) => ({ ...base, body: [{ type: 'RichTextBlock', inlines: [run] }] });
    expect(cardProblems(rich({ type: 'TextRun', text: 'x', color: 'attention', isSubtle: true }))).toEqual(
      [],
    );
    expect(cardProblems(rich({ type: 'TextRun', text: 'x', color: 'red' }))).not.toEqual([]);
    // TextBlock-only props a run does not have.
    expect(cardProblems(rich({ type: 'TextRun', text: 'x', wrap: true, style: 'heading' }))).toEqual([
      'not understood by the parser: $.body[0].inlines[0].wrap',
      'not understood by the parser: $.body[0].inlines[0].style',
    ]);
  });

  it('a required input without label or error message, duplicate ids, a bad fallback', () => {
    const input = { type: 'Input.Text', id: 'a', isRequired: true };
    expect(cardProblems({ ...base, body: [input, input] }).join('\n')).toMatch(
      /RequiredInputsShouldHaveLabel[\s\S]*RequiredInputsShouldHaveErrorMessage[\s\S]*DuplicateId/,
    );
    const execute = { type: 'Action.Execute', title: 'x', verb: 'v', fallback: { type: 'Action.Nope' } };
    expect(cardProblems({ ...base, actions: [execute] })).not.toEqual([]);
  });
});
