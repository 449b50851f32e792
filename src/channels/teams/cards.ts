/**
 * Core views → Adaptive Cards (1.5) for Teams. The cards themselves are data: one template
 * per view in cards/*.json, bound with adaptivecards-templating to the typed data that
 * ./card-data.ts computes from the view. User text is only ever bound as data, never
 * spliced into a template, so a name like "${x}" is shown as typed.
 */
import * as ACData from 'adaptivecards-templating';
import connectFormTemplate from '../../../cards/connect-form.json';
import failureTemplate from '../../../cards/failure.json';
import helpTemplate from '../../../cards/help.json';
import messageTemplate from '../../../cards/message.json';
import progressTemplate from '../../../cards/progress.json';
import reportTemplate from '../../../cards/report.json';
import resultTemplate from '../../../cards/result.json';
import rotateFormTemplate from '../../../cards/rotate-form.json';
import statusTemplate from '../../../cards/status.json';
import type {
  ConnectFormView,
  FailureView,
  HelpView,
  MessageView,
  ProgressView,
  ReportView,
  ResultView,
  RotateFormView,
  StatusView,
} from '../../core/views';
import {
  type ConnectFormCardData,
  connectFormData,
  type FailureCardData,
  failureData,
  type HelpCardData,
  helpData,
  type MessageCardData,
  messageData,
  type ProgressCardData,
  progressData,
  type ReportCardData,
  type ResultCardData,
  type RotateFormCardData,
  reportData,
  resultData,
  rotateFormData,
  type StatusCardData,
  statusData,
} from './card-data';

/** The attachment content type of an Adaptive Card. */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** An expanded card: plain JSON, ready to be an attachment's `content`. */
export type AdaptiveCardJson = Record<string, unknown>;

/** How many expanded cards each template keeps (the same help or refusal is asked for again and again). */
const EXPANDED_CACHE = 64;

/**
 * A template parsed once; expanding it is synchronous, so one instance serves every call.
 * Expanding costs far more than describing the data, so recent expansions are kept by their
 * data: the help card is built once, not on every `help`. Expanded cards are frozen (shared).
 */
class CardTemplate<TData> {
  private readonly template: ACData.Template;
  private readonly recent = new Map<string, AdaptiveCardJson>();

  constructor(
    readonly id: string,
    payload: object,
  ) {
    this.template = new ACData.Template(payload);
  }

  expand(data: TData): AdaptiveCardJson {
    const key = JSON.stringify(data);
    const hit = this.recent.get(key);
    if (hit) return hit;
    const card: unknown = this.template.expand({ $root: data });
    if (typeof card !== 'object' || card === null || Array.isArray(card)) {
      throw new Error(`card template ${this.id} did not expand to an object`);
    }
    const json = card as AdaptiveCardJson;
    // A template's action list bound to no actions expands to `actions: []`: leave it out.
    if (Array.isArray(json.actions) && json.actions.length === 0) delete json.actions;
    dropDefaultStyles(json);
    const frozen = deepFreeze(json);
    this.recent.set(key, frozen);
    if (this.recent.size > EXPANDED_CACHE) this.recent.delete(this.recent.keys().next().value as string);
    return frozen;
  }
}

/** An action's `style: "default"` is what no style means: left out, as Adaptive Cards write it. */
function dropDefaultStyles(node: unknown): void {
  if (Array.isArray(node)) for (const n of node) dropDefaultStyles(n);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.') && o.style === 'default') delete o.style;
    for (const v of Object.values(o)) dropDefaultStyles(v);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Every card template, by file name (cards/<id>.json). */
export const CARD_TEMPLATES = {
  'connect-form': new CardTemplate<ConnectFormCardData>('connect-form', connectFormTemplate),
  progress: new CardTemplate<ProgressCardData>('progress', progressTemplate),
  result: new CardTemplate<ResultCardData>('result', resultTemplate),
  failure: new CardTemplate<FailureCardData>('failure', failureTemplate),
  status: new CardTemplate<StatusCardData>('status', statusTemplate),
  help: new CardTemplate<HelpCardData>('help', helpTemplate),
  message: new CardTemplate<MessageCardData>('message', messageTemplate),
  report: new CardTemplate<ReportCardData>('report', reportTemplate),
  'rotate-form': new CardTemplate<RotateFormCardData>('rotate-form', rotateFormTemplate),
} as const;

/** `rotate`'s form: the connection, its current expiry, the new secret (never filled in) and its date. */
export function renderRotateForm(view: RotateFormView): AdaptiveCardJson {
  return CARD_TEMPLATES['rotate-form'].expand(rotateFormData(view));
}

/** The connect form (SPEC 1.1): pre-filled values (never the secret), field errors under their inputs. */
export function renderConnectForm(view: ConnectFormView): AdaptiveCardJson {
  return CARD_TEMPLATES['connect-form'].expand(connectFormData(view));
}

/** Verification in progress: one row per stage. Holds no input. */
export function renderProgress(view: ProgressView): AdaptiveCardJson {
  return CARD_TEMPLATES.progress.expand(progressData(view));
}

/** A connection that verified and synced: facts, severity breakdown, warnings. */
export function renderResult(view: ResultView): AdaptiveCardJson {
  return CARD_TEMPLATES.result.expand(resultData(view));
}

/** A failed connect: stage, reason, remedy, and "Try again" with the values (never the secret). */
export function renderFailure(view: FailureView): AdaptiveCardJson {
  return CARD_TEMPLATES.failure.expand(failureData(view));
}

/** `status`: one block per connection, or how to connect one. */
export function renderStatus(view: StatusView): AdaptiveCardJson {
  return CARD_TEMPLATES.status.expand(statusData(view));
}

/** `help` and unknown input. */
export function renderHelp(view: HelpView): AdaptiveCardJson {
  return CARD_TEMPLATES.help.expand(helpData(view));
}

/** A plain titled message. */
export function renderMessage(view: MessageView): AdaptiveCardJson {
  return CARD_TEMPLATES.message.expand(messageData(view));
}

/** A report: assets, findings, a sync's summary, a notification. */
export function renderReport(view: ReportView): AdaptiveCardJson {
  return CARD_TEMPLATES.report.expand(reportData(view));
}
