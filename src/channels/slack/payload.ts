/**
 * Reading Slack payloads into core terms: the workspace (SPEC 1.6), the form values of a
 * submitted modal, the modal's private metadata, and the values a "Try again" button carries.
 */
import type { SlashCommand, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { formValues } from '../../core/connect/form';
import type { Workspace } from '../../core/connection';
import type { RawConnectForm } from '../../core/validate-connect-input';
import type { FormValues } from '../../core/views';
import { connectFields, MAX_FIELD_LENGTH, read, readJson } from '../../payloads/schemas';
import { FIELD_BLOCK_IDS, INPUT_ACTION_ID } from './blocks/ids';

/** The team and enterprise fields that interactivity payloads (views, block actions) carry. */
export interface InteractionSource {
  team?: { id: string; enterprise_id?: string } | null;
  enterprise?: { id: string } | null;
  user?: { id: string; team_id?: string };
}

/**
 * The store's id of a Slack workspace: `slack:<enterprise or team id>`. Workspace ids of every
 * channel share one namespace (a Teams tenant is `teams:<tenantId>`), so the prefix keeps a
 * Slack team from ever meeting another channel's workspace. The one place the rule lives.
 */
export function slackWorkspaceId(enterpriseOrTeamId: string): string {
  return `slack:${enterpriseOrTeamId}`;
}

/**
 * A Slack team is a workspace; on an Enterprise Grid the enterprise is (SPEC 1.6), so every
 * team of the org sees the same connections.
 */
function workspace(teamId: string | undefined, enterpriseId: string | undefined): Workspace | undefined {
  const id = enterpriseId || teamId;
  return id ? { id: slackWorkspaceId(id), channel: 'slack' } : undefined;
}

export function workspaceOfCommand(c: SlashCommand): Workspace | undefined {
  const w = workspace(str(c.team_id), str(c.enterprise_id));
  const domain = str(c.team_domain);
  return w && domain && !str(c.enterprise_id) ? { ...w, name: domain } : w;
}

export function workspaceOfInteraction(body: InteractionSource): Workspace | undefined {
  const team: unknown = body.team;
  const user: unknown = body.user;
  const enterprise: unknown = body.enterprise;
  const teamId =
    (isObject(team) ? str(team.id) : undefined) ?? (isObject(user) ? str(user.team_id) : undefined);
  const enterpriseId =
    (isObject(enterprise) ? str(enterprise.id) : undefined) ??
    (isObject(team) ? str(team.enterprise_id) : undefined);
  return workspace(teamId, enterpriseId);
}

/** Where a connect attempt reports: carried in the modal's private_metadata (never a secret). */
export interface ConnectTarget {
  /** The channel where the command was typed. */
  channelId: string;
  /** The command's response_url: the fallback when the bot may not post in the channel. */
  responseUrl: string;
}

export function writeTarget(t: ConnectTarget & { name?: string }): string {
  return JSON.stringify({
    channelId: t.channelId,
    responseUrl: t.responseUrl,
    ...(t.name ? { name: t.name } : {}),
  });
}

/** The connection a rotate modal is about (its private_metadata's `name`). */
export function nameOfTarget(privateMetadata: string | undefined): string | undefined {
  try {
    const o = JSON.parse(privateMetadata ?? '') as Record<string, unknown>;
    return typeof o.name === 'string' ? o.name : undefined;
  } catch {
    return undefined;
  }
}

/** A Slack user's display handle, when the payload has one (shown, never used to decide). */
export function slackUserName(user: { name?: unknown; username?: unknown } | undefined): string | undefined {
  const v =
    typeof user?.username === 'string' ? user.username : typeof user?.name === 'string' ? user.name : '';
  const clean = v
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 80);
  return clean || undefined;
}

export function readTarget(privateMetadata: string | undefined): ConnectTarget | undefined {
  if (!privateMetadata) return undefined;
  try {
    const o = JSON.parse(privateMetadata) as Record<string, unknown>;
    return typeof o.channelId === 'string' && typeof o.responseUrl === 'string'
      ? { channelId: o.channelId, responseUrl: o.responseUrl }
      : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** An input element's state in a submitted modal: a text input's value or a date picker's date. */
const inputState = z
  .object({
    type: z.string().max(64),
    value: z.string().max(MAX_FIELD_LENGTH, `at most ${MAX_FIELD_LENGTH} characters`).nullish(),
    selected_date: z.string().max(32).nullish(),
  })
  .passthrough();
const viewState = z.object({
  values: z.record(z.string().max(255), z.record(z.string().max(255), inputState)).default({}),
});

/**
 * The submitted modal's values, keyed like the core's form (block id = field); only strings.
 * The state is checked against its schema first: a malformed one reads as an empty form (the
 * core then says which fields are missing) and is logged by the caller through `problem`.
 */
export function formOfState(state: ViewOutput['state'] | undefined): RawConnectForm & { problem?: string } {
  const parsed = read(viewState, state ?? {});
  if (!parsed.ok) return { problem: parsed.problem };
  const raw: RawConnectForm = {};
  for (const field of FIELD_BLOCK_IDS) {
    const v = parsed.value.values[field]?.[INPUT_ACTION_ID];
    const value = v?.type === 'datepicker' ? v.selected_date : v?.value;
    if (typeof value === 'string') raw[field] = value;
  }
  return raw;
}

/** The values of a "Try again" button (checked against the form's schema); a secret in it is dropped. */
export function retryValuesOf(buttonValue: string | undefined): FormValues {
  const r = readJson(connectFields, buttonValue);
  return r.ok ? formValues(r.value) : {};
}
