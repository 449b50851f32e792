import {
  CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../core/ports';
import { cardActivity } from './activity';
import { renderMessage } from './cards';
import { ConnectorDeliveryError, DeadlineBotFrameworkAuthentication } from './connector-deadline';
import { fitToTeams } from './reply-size';

export interface TeamsAuth {
  appId: string;
  appPassword?: string;
  appTenantId?: string;
  appType: string;
}

/** The delivery failure behind an error, if that is what it was. */
export function deliveryFailureOf(e: unknown): ConnectorDeliveryError | undefined {
  for (let x = e, depth = 0; x && depth < 5; x = (x as { cause?: unknown }).cause, depth++)
    if (x instanceof ConnectorDeliveryError) return x;
  return undefined;
}

/**
 * The Bot Framework adapter. Without credentials (local mode) it accepts unauthenticated
 * requests; with MicrosoftAppId every request must carry a valid Bot Framework token. Every
 * call to the Bot Connector has a deadline, and every reply is kept within what Teams accepts.
 */
export function createTeamsAdapter(auth: TeamsAuth | undefined, log: Logger): CloudAdapter {
  // An empty MicrosoftAppId turns botbuilder's authentication off (local mode).
  const options = {
    MicrosoftAppId: auth?.appId ?? '',
    MicrosoftAppPassword: auth?.appPassword ?? '',
    MicrosoftAppTenantId: auth?.appTenantId ?? '',
    MicrosoftAppType: auth?.appType ?? 'MultiTenant',
  } as ConfigurationBotFrameworkAuthenticationOptions;
  const adapter = new CloudAdapter(new DeadlineBotFrameworkAuthentication(options));
  adapter.use(async (context, next) => {
    context.onSendActivities(async (_c, activities, send) => {
      for (const a of activities) fitToTeams(a, log);
      return send();
    });
    context.onUpdateActivity(async (_c, activity, update) => {
      fitToTeams(activity, log);
      return update();
    });
    await next();
  });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const delivery = deliveryFailureOf(error);
    if (delivery) {
      // The reply could not go out; telling the user would go to the same peer.
      log.warn(
        {
          peer: delivery.peer,
          failure: delivery.kind,
          status: delivery.status,
          activityType: context.activity.type,
        },
        delivery.message,
      );
      return;
    }
    log.error({ err: error, activityType: context.activity.type }, 'teams turn failed');
    try {
      await context.sendActivity(
        cardActivity(
          renderMessage({
            title: 'Something went wrong',
            text: 'Osto could not finish that. Nothing was changed. Try again; if it keeps failing, ask whoever runs the bot to check its logs.',
          }),
        ),
      );
    } catch (sendError) {
      log.warn({ err: sendError }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}
