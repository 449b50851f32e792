import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../core/ports';
import { cardActivity } from './activity';
import { renderMessage } from './cards';

export interface TeamsAuth {
  appId: string;
  appPassword?: string;
  appTenantId?: string;
  appType: string;
}

/**
 * The Bot Framework adapter. Without credentials (local mode) it accepts unauthenticated
 * requests; with MicrosoftAppId every request must carry a valid Bot Framework token.
 */
export function createTeamsAdapter(auth: TeamsAuth | undefined, log: Logger): CloudAdapter {
  // An empty MicrosoftAppId turns botbuilder's authentication off (local mode).
  const options = {
    MicrosoftAppId: auth?.appId ?? '',
    MicrosoftAppPassword: auth?.appPassword ?? '',
    MicrosoftAppTenantId: auth?.appTenantId ?? '',
    MicrosoftAppType: auth?.appType ?? 'MultiTenant',
  } as ConfigurationBotFrameworkAuthenticationOptions;
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
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
      log.error({ err: sendError }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}
