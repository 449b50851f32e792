import {
  type Activity,
  type Request as BotRequest,
  type Response as BotResponse,
  type CloudAdapter,
  type ConversationReference,
  TurnContext,
} from 'botbuilder';
import { parseCommand } from '../../core/commands';
import { beginConnect, type ConnectDeps, type ConnectStart, formValues } from '../../core/connect';
import type { Workspace } from '../../core/connection';
import type { ConversationMemo } from '../../core/conversation-memo';
import { helpView } from '../../core/help';
import type { Clock, Logger } from '../../core/ports';
import { workspaceStatus } from '../../core/status';
import type { Store } from '../../core/store-port';
import type { TaskTracker } from '../../core/task-tracker';
import type { FormValues } from '../../core/views';
import { actorOf, type CardAction, cardActionOf, cardActivity, commandText, workspaceOf } from './activity';
import {
  renderConnectForm,
  renderFailure,
  renderHelp,
  renderMessage,
  renderProgress,
  renderResult,
  renderStatus,
} from './cards';

type Card = Record<string, unknown>;

export interface TeamsBotDeps {
  connect: ConnectDeps;
  store: Store;
  clock: Clock;
  log: Logger;
  tasks: TaskTracker;
  adapter: CloudAdapter;
  /** MicrosoftAppId ('' in local mode), for proactive updates. */
  appId: string;
  /** Where each conversation is, saved only when it changed. */
  conversations: ConversationMemo;
}

/** Teams: activities in, core commands and use cases, cards out. */
export class TeamsBot {
  constructor(private readonly deps: TeamsBotDeps) {}

  async run(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const workspace = workspaceOf(a);
    if (!workspace) {
      if (a.type === 'message')
        await ctx.sendActivity('Osto works in Microsoft Teams: this message carried no tenant id.');
      return;
    }
    await this.rememberConversation(workspace, a);
    const action = cardActionOf(a);
    if (action) return this.onCardAction(ctx, workspace, action);
    if (a.type === 'message') return this.onText(ctx, workspace, commandText(a));
    if (a.type === 'conversationUpdate' && a.membersAdded?.some((m) => m.id === a.recipient?.id))
      await ctx.sendActivity(cardActivity(renderHelp(helpView())));
  }

  private async onText(ctx: TurnContext, workspace: Workspace, text: string): Promise<void> {
    const cmd = parseCommand(text);
    switch (cmd.kind) {
      case 'connect':
        await ctx.sendActivity(cardActivity(renderConnectForm({ values: {}, errors: [] })));
        return;
      case 'connect_unsupported':
        await this.say(ctx, 'Not supported yet', `Osto connects Azure for now. Type /osto connect azure.`);
        return;
      case 'status': {
        const view = await workspaceStatus(this.deps.store, workspace.id, this.deps.clock.now(), cmd.name);
        if (view.notFound) {
          await this.say(
            ctx,
            'No such connection',
            `No connection named "${view.notFound}" here. Type /osto status to list them.`,
          );
          return;
        }
        await ctx.sendActivity(cardActivity(renderStatus(view)));
        return;
      }
      case 'planned':
        await this.say(
          ctx,
          `"${cmd.verb}" is not available yet`,
          'It comes in a later release. For now: /osto connect azure, /osto status, /osto help.',
        );
        return;
      case 'help':
        await ctx.sendActivity(cardActivity(renderHelp(helpView())));
        return;
      case 'unknown':
        await ctx.sendActivity(cardActivity(renderHelp(helpView(cmd))));
        return;
    }
  }

  private async onCardAction(ctx: TurnContext, workspace: Workspace, action: CardAction): Promise<void> {
    switch (action.action) {
      case 'connect':
        return this.onConnectSubmit(ctx, workspace, action);
      case 'retry':
        return this.answerCard(
          ctx,
          action,
          renderConnectForm({
            values: retryValues(action.data),
            errors: [],
            notice: 'Enter the client secret again, then connect.',
          }),
        );
      case 'connect-form':
        return this.answerCard(
          ctx,
          { ...action, cardId: undefined },
          renderConnectForm({ values: {}, errors: [] }),
        );
      case 'cancel':
        return this.answerCard(
          ctx,
          action,
          renderMessage({ title: 'Cancelled', text: 'Nothing was stored.' }),
        );
      case 'status': {
        const view = await workspaceStatus(this.deps.store, workspace.id, this.deps.clock.now());
        return this.answerCard(ctx, { ...action, cardId: undefined }, renderStatus(view));
      }
      default:
        return this.answerCard(ctx, { ...action, cardId: undefined }, renderHelp(helpView()));
    }
  }

  private async onConnectSubmit(ctx: TurnContext, workspace: Workspace, action: CardAction): Promise<void> {
    const a = ctx.activity;
    const cardId = action.cardId;
    const start: ConnectStart = await beginConnect(
      this.deps.connect,
      {
        workspace,
        actor: actorOf(a),
        conversationKey: a.conversation.id,
        attemptKey: cardId ?? a.id ?? `${Date.now()}`,
      },
      action.data,
    );
    switch (start.kind) {
      case 'busy':
        if (action.kind === 'execute')
          await this.invokeResponse(
            ctx,
            renderMessage({
              title: 'Already verifying',
              text: 'This connection is being verified; the card updates when it is done.',
            }),
          );
        return;
      case 'forbidden':
        return this.answerCard(
          ctx,
          { ...action, cardId: undefined },
          renderMessage({ title: 'Not allowed', text: start.message }),
        );
      case 'invalid':
        return this.answerCard(ctx, action, renderConnectForm(start.form));
      case 'started':
        break;
    }
    // Replace the form at once: the rendered card must no longer hold the secret.
    const ref = TurnContext.getConversationReference(a);
    let progressId = cardId;
    const progressCard = renderProgress(start.progress);
    try {
      if (action.kind === 'execute') await this.invokeResponse(ctx, progressCard);
      else if (cardId) await this.updateCard(ctx, cardId, progressCard);
      else progressId = (await ctx.sendActivity(cardActivity(progressCard)))?.id;
    } catch (e) {
      // The form could not be replaced (deleted, say): follow the verification in a new message.
      this.deps.log.warn({ err: e }, 'could not replace the connect form; posting the progress instead');
      progressId = (await ctx.sendActivity(cardActivity(progressCard)).catch(() => undefined))?.id;
    }

    const show = (card: Card, final = true) => this.proactiveUpdate(ref, progressId, card, final);
    // Updates must not overtake this turn's own answer (the invoke response carrying the
    // progress card): the verification starts once the turn has been answered.
    afterTurn(ctx, () =>
      this.deps.tasks.run(async () => {
        try {
          const done = await start.finish((view) => show(renderProgress(view), false));
          await show(done.kind === 'connected' ? renderResult(done.result) : renderFailure(done.failure));
        } catch (e) {
          this.deps.log.error({ err: e, workspace: workspace.id }, 'connect crashed');
          await show(
            renderFailure({
              name: typeof action.data.name === 'string' ? action.data.name : 'connection',
              stageId: 'sync',
              stageTitle: 'Save the connection',
              code: 'internal',
              reason: 'Something went wrong on our side; nothing was stored.',
              remedy: 'Try again. If it keeps failing, ask whoever runs the bot to check its logs.',
              retryValues: retryValues(action.data),
            }),
          );
        }
      }),
    );
  }

  /** Answers a card action: in the invoke response (Execute) or by replacing the card (Submit). */
  private async answerCard(ctx: TurnContext, action: CardAction, card: Card): Promise<void> {
    if (action.kind === 'execute') return this.invokeResponse(ctx, card);
    if (action.cardId) return this.updateCard(ctx, action.cardId, card);
    await ctx.sendActivity(cardActivity(card));
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

  private async updateCard(ctx: TurnContext, id: string, card: Card): Promise<void> {
    await ctx.updateActivity({ ...cardActivity(card), id, conversation: ctx.activity.conversation });
  }

  /**
   * Updates a card after the turn has ended (the verification outlives the request). A progress
   * step that cannot be shown is skipped (the next one replaces the card anyway); a final card
   * that cannot replace the progress card is posted as a new message instead.
   */
  private async proactiveUpdate(
    ref: Partial<ConversationReference>,
    id: string | undefined,
    card: Card,
    final: boolean,
  ): Promise<void> {
    if (!id && !final) return;
    let failure: unknown;
    // Errors thrown inside this callback would go to onTurnError (a misleading "Something went wrong").
    await this.deps.adapter.continueConversationAsync(this.deps.appId, ref, async (c) => {
      try {
        if (id) await c.updateActivity({ ...cardActivity(card), id });
        else await c.sendActivity(cardActivity(card));
        return;
      } catch (e) {
        failure = e;
      }
      if (!final || !id) return;
      try {
        await c.sendActivity(cardActivity(card));
        failure = undefined;
      } catch (e) {
        failure = e;
      }
    });
    if (failure === undefined) return;
    if (final) this.deps.log.error({ err: failure }, 'could not deliver the final connect card');
    else this.deps.log.warn({ err: failure }, 'could not show a progress step');
  }

  private async say(ctx: TurnContext, title: string, text: string): Promise<void> {
    await ctx.sendActivity(cardActivity(renderMessage({ title, text })));
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

/** The form values of a retry (`{ values }`) or of a submitted form, never the secret. */
function retryValues(data: Record<string, unknown>): FormValues {
  const src =
    data.values && typeof data.values === 'object' ? (data.values as Record<string, unknown>) : data;
  return formValues(src);
}

const AFTER_TURN = Symbol('osto.afterTurn');

/**
 * Runs `job` once the turn's HTTP answer has been written (see `runTurn`), or at once when
 * the turn was not started by `runTurn`.
 */
function afterTurn(ctx: TurnContext, job: () => void): void {
  const jobs = ctx.turnState.get(AFTER_TURN) as (() => void)[] | undefined;
  if (jobs) jobs.push(job);
  else job();
}

/** Processes one Bot Framework request, then starts the work its turn deferred. */
export async function runTurn(
  adapter: CloudAdapter,
  bot: TeamsBot,
  req: BotRequest,
  res: BotResponse,
): Promise<void> {
  const jobs: (() => void)[] = [];
  try {
    await adapter.process(req, res, (context) => {
      context.turnState.set(AFTER_TURN, jobs);
      return bot.run(context);
    });
  } finally {
    for (const job of jobs) job();
  }
}
