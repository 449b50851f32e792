/**
 * Requests as Slack sends them to /slack/events: signed (HMAC-SHA256 of `v0:{ts}:{body}` with
 * the signing secret), slash commands form-encoded, interactivity as `payload=<json>`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { stringify } from 'node:querystring';
import type { SlackCall } from '../support/fake-slack';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** The env that turns Slack on in the app harness. */
export function slackEnv(apiUrl: string): Record<string, string> {
  return { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: apiUrl };
}

export interface SlackWho {
  teamId: string;
  enterpriseId?: string;
  userId: string;
  channelId: string;
  responseUrl: string;
}

export function sign(body: string, ts: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export interface SlackResponse {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
  /** How long the HTTP answer took (the ack). */
  ms: number;
}

export interface SendOptions {
  /** Seconds since the epoch; now by default. */
  ts?: number;
  secret?: string;
  /** Sent instead of the computed signature. */
  signature?: string;
}

/** POSTs a form-encoded body to /slack/events, signed like Slack does. */
export async function postSigned(
  appUrl: string,
  body: string,
  opts: SendOptions = {},
): Promise<SlackResponse> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': opts.signature ?? sign(body, ts, opts.secret),
    },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, ms };
}

export function slashCommandBody(who: SlackWho, text: string, command = '/osto'): string {
  return stringify({
    token: 'verification-token-unused',
    team_id: who.teamId,
    team_domain: 'acme',
    ...(who.enterpriseId ? { enterprise_id: who.enterpriseId, enterprise_name: 'Acme Corp' } : {}),
    channel_id: who.channelId,
    channel_name: 'cloud-security',
    user_id: who.userId,
    user_name: 'ada',
    command,
    text,
    api_app_id: 'A0OSTO',
    is_enterprise_install: 'false',
    response_url: who.responseUrl,
    trigger_id: `trigger-${randomUUID()}`,
  });
}

export function slashCommand(appUrl: string, who: SlackWho, text: string, opts?: SendOptions) {
  return postSigned(appUrl, slashCommandBody(who, text), opts);
}

function interaction(payload: Record<string, unknown>): string {
  return stringify({ payload: JSON.stringify(payload) });
}

function teamOf(who: SlackWho) {
  return {
    team: {
      id: who.teamId,
      domain: 'acme',
      ...(who.enterpriseId ? { enterprise_id: who.enterpriseId } : {}),
    },
    enterprise: who.enterpriseId ? { id: who.enterpriseId, name: 'Acme Corp' } : null,
    is_enterprise_install: false,
    user: { id: who.userId, username: 'ada', name: 'ada', team_id: who.teamId },
    api_app_id: 'A0OSTO',
    token: 'verification-token-unused',
    trigger_id: `trigger-${randomUUID()}`,
  };
}

/** The values typed into the connect modal (a missing key = left empty). */
export type ModalInput = Partial<
  Record<
    'name' | 'description' | 'subscriptionId' | 'clientId' | 'clientSecret' | 'tenantId' | 'secretExpiresOn',
    string
  >
>;

/** The view a views.open / views.update call sent, with the id the fake gave it. */
export interface OpenedView {
  id: string;
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string; element?: { type: string; action_id: string } }[];
}

/** The view a views.open / views.update call put on screen, with the id Slack (the fake) gave it. */
export function openedView(call: SlackCall): OpenedView {
  const view = call.body.view as Omit<OpenedView, 'id'>;
  const answered = call.response.view as { id?: string } | undefined;
  return { ...view, id: answered?.id ?? (call.body.view_id as string | undefined) ?? 'V-unknown' };
}

/** A view_submission of `view` with `input` typed into its input blocks. */
export function viewSubmissionBody(who: SlackWho, view: OpenedView, input: ModalInput): string {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks) {
    if (b.type !== 'input' || !b.block_id || !b.element) continue;
    const typed = input[b.block_id as keyof ModalInput];
    values[b.block_id] = {
      [b.element.action_id]:
        b.element.type === 'datepicker'
          ? { type: 'datepicker', selected_date: typed ?? null }
          : { type: b.element.type, value: typed ?? null },
    };
  }
  return interaction({
    type: 'view_submission',
    ...teamOf(who),
    view: {
      id: view.id,
      team_id: who.teamId,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      blocks: view.blocks,
      state: { values },
      hash: 'hash-x',
      title: { type: 'plain_text', text: 'Connect Azure' },
      close: null,
      submit: null,
      root_view_id: view.id,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      app_id: 'A0OSTO',
      bot_id: 'B0OSTOBOT',
    },
    response_urls: [],
  });
}

/** A button click in a channel message (or, with `view`, inside a modal). */
export function blockActionBody(
  who: SlackWho,
  action: { action_id: string; value?: string },
  where: { messageTs?: string; view?: OpenedView } = {},
): string {
  return interaction({
    type: 'block_actions',
    ...teamOf(who),
    container: where.view
      ? { type: 'view', view_id: where.view.id }
      : { type: 'message', message_ts: where.messageTs ?? '1.000001', channel_id: who.channelId },
    ...(where.view
      ? { view: { ...where.view, state: { values: {} }, hash: 'hash-y', type: 'modal' } }
      : {
          channel: { id: who.channelId, name: 'cloud-security' },
          message: { type: 'message', ts: where.messageTs ?? '1.000001', text: '' },
          response_url: who.responseUrl,
        }),
    actions: [{ type: 'button', block_id: 'b', action_ts: '1.2', ...action }],
  });
}
