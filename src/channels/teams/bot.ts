/**
 * Teams: activities in, core commands and use cases, cards out. The bot only maps: text and card
 * buttons become core invocations, core replies become cards (./render.ts). Verbs, permissions
 * and words live in the core, the same for Slack.
 */
import {
  type Activity,
  type Request as BotRequest,
  type Response as BotResponse,
  type CloudAdapter,
  TeamsInfo,
  TurnContext,
} from 'botbuilder';
import type { ConnectAttempt, MessageRef } from '../../core/attempt';
import type { CommandContext, CoreDeps } from '../../core/commands/context';
import { helpReply } from '../../core/commands/help';
import { runCommand, runText } from '../../core/commands/run';
import { VERBS } from '../../core/commands/table';
import { beginConnect, startConnect } from '../../core/connect/begin';
import type { Workspace } from '../../core/connection';
import type { ConversationMemo } from '../../core/conversation-memo';
import type { Logger } from '../../core/ports';
import { message, type Reply } from '../../core/reply';
import { beginRotate } from '../../core/rotate/begin';
import { startFollowUp } from '../../core/sync/job';
import type { RawConnectForm } from '../../core/validate-connect-input';
import { unreadable } from '../../payloads/schemas';
import {
  actorNameOf,
  actorOf,
  type CardAction,
  cardActionOf,
  cardActivity,
  commandText,
  workspaceOf,
} from './activity';
import { renderReply } from './render';

type Card = Record<string, unknown>;

/** What differs between the forms that carry a secret (connect, rotate). */
interface FormFlow<F> {
  begin(
    key: string,
    progress: MessageRef,
  ): Promise<
    | { kind: 'invalid'; form: F }
    | { kind: 'refused'; reply: Reply }
    | { kind: 'busy' }
    | { kind: 'started'; attempt: ConnectAttempt; reply: Reply }
  >;
  invalid(form: F): Reply;
  busy: string;
  start(attempt: ConnectAttempt): Promise<void>;
}

export interface TeamsBotDeps {
  core: CoreDeps;
  log: Logger;
  adapter: CloudAdapter;
  /** Where each conversation is, saved only when it changed. */
  conversations: ConversationMemo;
}

/** How long a looked-up user principal name is trusted, and how many are kept. */
const UPN_TTL_MS = 10 * 60_000;
const UPN_CACHE = 1_000;
const UPN_DEADLINE_MS = 3_000;

export class TeamsBot {
  private readonly upns = new Map<string, { upn: string | undefined; at: number }>();

  constructor(private readonly deps: TeamsBotDeps) {}

  /**
   * OSTO_ADMINS may name Teams users by UPN (ada@contoso.com), which an activity does not carry:
   * asked of Teams (the roster) only when such an entry exists and the id itself is not listed.
   */
  private async aliasesOf(ctx: TurnContext, tenant: string, actor: string): Promise<string[] | undefined> {
    const admins = this.deps.core.admins;
    if (!admins || admins.includes(actor) || !admins.some((a) => a.includes('@'))) return undefined;
    const key = `${tenant}|${actor}`;
    const now = Date.now();
    const cached = this.upns.get(key);
    if (cached && now - cached.at < UPN_TTL_MS) return cached.upn ? [cached.upn] : undefined;
    let upn: string | undefined;
    try {
      const member = await Promise.race([
        TeamsInfo.getMember(ctx, ctx.activity.from.id),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), UPN_DEADLINE_MS).unref()),
      ]);
      const found = member?.userPrincipalName ?? member?.email;
      upn = typeof found === 'string' && found.length <= 256 ? found : undefined;
    } catch (e) {
      this.deps.log.debug({ err: e }, 'could not look up the user principal name');
    }
    if (this.upns.size >= UPN_CACHE) this.upns.delete(this.upns.keys().next().value as string);
    this.upns.set(key, { upn, at: now });
    return upn ? [upn] : undefined;
  }

  /** Work deferred to after the turn could not start (the attempt is recovered at the next start). */
  afterTurnFailed(e: unknown): void {
    this.deps.log.error({ err: e }, 'could not start work after a turn');
  }

  async run(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const workspace = workspaceOf(a);
    if (!workspace) {
      if (a.type === 'message')
        await ctx.sendActivity('Osto works in Microsoft Teams: this message carried no tenant id.');
      return;
    }
    await this.rememberConversation(workspace, a);
    const actorName = actorNameOf(a);
    const actor = actorOf(a);
    const aliases =
      a.type === 'conversationUpdate' ? undefined : await this.aliasesOf(ctx, workspace.id, actor);
    const cmd: CommandContext = {
      workspace,
      actor,
      ...(actorName ? { actorName } : {}),
      ...(aliases ? { aliases } : {}),
      channel: 'teams',
      conversationKey: a.conversation.id,
    };
    const action = cardActionOf(a);
    if (action) return this.onCardAction(ctx, cmd, action);
    if (a.type === 'message') return this.post(ctx, cmd, await runText(this.deps.core, cmd, commandText(a)));
    if (a.type === 'conversationUpdate' && a.membersAdded?.some((m) => m.id === a.recipient?.id))
      await this.post(ctx, cmd, helpReply(VERBS));
  }

  private async onCardAction(ctx: TurnContext, cmd: CommandContext, action: CardAction): Promise<void> {
    const { intent } = action;
    switch (intent.kind) {
      case 'connect':
        return this.onFormSubmit(ctx, cmd, action, intent.values, {
          begin: (key, progress) =>
            beginConnect(this.deps.core, cmd, key, intent.values as RawConnectForm, progress),
          invalid: (form) => ({ kind: 'connect-form', form }),
          busy: 'This connection is being verified; the card updates when it is done.',
          start: (attempt) => startConnect(this.deps.core, attempt),
        });
      case 'rotate':
        return this.onFormSubmit(ctx, cmd, action, intent.values, {
          begin: (key, progress) => beginRotate(this.deps.core, cmd, key, intent.values, progress),
          invalid: (form) => ({ kind: 'rotate-form', form }),
          busy: 'This secret is being checked; the card updates when it is done.',
          start: (attempt) => startConnect(this.deps.core, attempt),
        });
      case 'cancel':
        return this.answer(ctx, cmd, action, message('Cancelled', 'Nothing was stored.'), true);
      case 'invalid': {
        this.deps.log.warn({ problem: intent.problem }, 'card action refused');
        const words = unreadable(intent.problem);
        return this.answer(ctx, cmd, action, message(words.title, words.text, 'bad'), false);
      }
      case 'run':
        return this.answer(
          ctx,
          cmd,
          action,
          await runCommand(this.deps.core, cmd, { verb: intent.verb, args: intent.args }),
          intent.inPlace,
        );
    }
  }

  /** A form holding a secret was submitted (connect, rotate): checked, stored, verified as a job. */
  private async onFormSubmit<F>(
    ctx: TurnContext,
    cmd: CommandContext,
    action: CardAction,
    values: Record<string, unknown>,
    flow: FormFlow<F>,
  ): Promise<void> {
    const a = ctx.activity;
    // The submission's key: the form card's id (a second click on the same form is the same attempt).
    const key =
      action.cardId ?? a.id ?? `${a.conversation.id}:${typeof values.name === 'string' ? values.name : ''}`;
    const progress: MessageRef = {
      channel: 'teams',
      workspaceId: cmd.workspace.id,
      conversationKey: a.conversation.id,
      ...(action.cardId ? { messageId: action.cardId } : {}),
    };
    const start = await flow.begin(key, progress);
    switch (start.kind) {
      case 'invalid':
        return this.answer(ctx, cmd, action, flow.invalid(start.form), true);
      case 'refused':
        // In place: the form must not keep what was typed into it.
        return this.answer(ctx, cmd, action, start.reply, true);
      case 'busy':
        if (action.via === 'execute') await this.invokeMessage(ctx, flow.busy);
        return;
      case 'started':
        break;
    }
    // Replace the form at once: the rendered card must no longer hold the secret.
    let messageId = action.cardId;
    const card = renderReply(start.reply);
    try {
      if (action.via === 'execute') await this.invokeResponse(ctx, card);
      else if (action.cardId) await this.updateCard(ctx, action.cardId, card);
      else messageId = (await ctx.sendActivity(cardActivity(card)))?.id;
    } catch (e) {
      // The form could not be replaced (deleted, say): follow the verification in a new message.
      this.deps.log.warn({ err: e }, 'could not replace the form; posting the progress instead');
      messageId = (await ctx.sendActivity(cardActivity(card)).catch(() => undefined))?.id;
    }
    if (messageId !== progress.messageId)
      await this.deps.core.store.attempts.setProgress(cmd.workspace.id, start.attempt.id, {
        ...progress,
        ...(messageId ? { messageId } : {}),
      });
    // Updates must not overtake this turn's own answer (the invoke response carrying the progress
    // card): the verification starts once the turn has been answered.
    afterTurn(ctx, () => flow.start(start.attempt));
  }

  /**
   * Answers a card button: in place of the card (`inPlace`), or as a new message that leaves the
   * card as it was.
   */
  private async answer(
    ctx: TurnContext,
    cmd: CommandContext,
    action: CardAction,
    reply: Reply,
    inPlace: boolean,
  ): Promise<void> {
    const card = renderReply(reply);
    let messageId: string | undefined;
    if (inPlace && (action.via === 'execute' || action.cardId)) {
      if (action.via === 'execute') await this.invokeResponse(ctx, card);
      else await this.updateCard(ctx, action.cardId as string, card);
      messageId = action.cardId;
    } else {
      messageId = (await ctx.sendActivity(cardActivity(card)))?.id;
      if (action.via === 'execute') await this.invokeMessage(ctx, 'Answered in a new message.');
    }
    this.followUp(ctx, cmd, reply, messageId);
  }

  private async post(ctx: TurnContext, cmd: CommandContext, reply: Reply): Promise<void> {
    const sent = await ctx.sendActivity(cardActivity(renderReply(reply)));
    this.followUp(ctx, cmd, reply, sent?.id);
  }

  /** Work the reply asked for (a sync that updates this message), once the turn is answered. */
  private followUp(ctx: TurnContext, cmd: CommandContext, reply: Reply, messageId: string | undefined): void {
    const then = reply.followUp;
    if (!then) return;
    const where: MessageRef = {
      channel: 'teams',
      workspaceId: cmd.workspace.id,
      conversationKey: ctx.activity.conversation.id,
      ...(messageId ? { messageId } : {}),
    };
    afterTurn(ctx, () => startFollowUp(this.deps.core, then, where));
  }

  private async invokeResponse(ctx: TurnContext, card: Card): Promise<void> {
    await ctx.sendActivity({
      type: 'invokeResponse',
      value: {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
      },
    });
  }

  /** An Action.Execute answer that leaves the card unchanged (Teams shows the text briefly). */
  private async invokeMessage(ctx: TurnContext, text: string): Promise<void> {
    await ctx.sendActivity({
      type: 'invokeResponse',
      value: {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
      },
    });
  }

  private async updateCard(ctx: TurnContext, id: string, card: Card): Promise<void> {
    await ctx.updateActivity({ ...cardActivity(card), id, conversation: ctx.activity.conversation });
  }

  private async rememberConversation(workspace: Workspace, a: Activity): Promise<void> {
    // The activity id changes with every message and proactive messages do not need it.
    const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(a);
    await this.deps.conversations.remember(workspace, {
      workspaceId: workspace.id,
      key: a.conversation.id,
      channel: 'teams',
      reference,
    });
  }
}

const AFTER_TURN = Symbol('osto.afterTurn');

/**
 * Runs `job` once the turn's HTTP answer has been written (see `runTurn`), or at once when the
 * turn was not started by `runTurn`.
 */
function afterTurn(ctx: TurnContext, job: () => Promise<void>): void {
  const jobs = ctx.turnState.get(AFTER_TURN) as (() => Promise<void>)[] | undefined;
  if (jobs) jobs.push(job);
  else void job();
}

/** Processes one Bot Framework request, then starts the work its turn deferred. */
export async function runTurn(
  adapter: CloudAdapter,
  bot: TeamsBot,
  req: BotRequest,
  res: BotResponse,
): Promise<void> {
  const jobs: (() => Promise<void>)[] = [];
  try {
    await adapter.process(req, res, (context) => {
      context.turnState.set(AFTER_TURN, jobs);
      return bot.run(context);
    });
  } finally {
    for (const job of jobs) await job().catch((e: unknown) => bot.afterTurnFailed(e));
  }
}
