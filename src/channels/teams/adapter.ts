import { createRequire } from 'node:module';
import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  GovernmentConstants,
  MsalServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Logger } from '../../core/ports';
import { cardActivity } from './activity';
import { renderMessage } from './cards';
import {
  AuthDeadlineError,
  ConnectorDeliveryError,
  DeadlineBotFrameworkAuthentication,
  tokenRefusalOf,
} from './connector-deadline';
import { fitToTeams } from './reply-size';

/**
 * The Bot Framework credentials and, optionally, where the Bot Framework is (botbuilder's
 * variable names in camelCase; unset = the public cloud's endpoints, or US Gov's with
 * `channelService` = https://botframework.azure.us).
 */
export interface TeamsAuth {
  appId: string;
  appPassword?: string;
  appTenantId?: string;
  appType: string;
  channelService?: string;
  toBotFromChannelOpenIdMetadataUrl?: string;
  toBotFromChannelTokenIssuer?: string;
  toChannelFromBotLoginUrl?: string;
  toChannelFromBotOAuthScope?: string;
  oAuthUrl?: string;
  validateAuthority?: boolean;
}

const ROUTE = '/api/messages';

/**
 * botbuilder's options. botbuilder uses its built-in endpoints (public, or US Gov by
 * ChannelService) only while no endpoint is set; once one is, it takes every endpoint from the
 * options ("all parameters are intentional") and an unset one stays undefined. So the endpoints
 * not overridden are filled in here from the cloud's built-ins.
 */
export function botFrameworkOptions(
  auth: TeamsAuth | undefined,
): ConfigurationBotFrameworkAuthenticationOptions {
  // An empty MicrosoftAppId turns botbuilder's authentication off (local mode).
  const credentials = {
    MicrosoftAppId: auth?.appId ?? '',
    MicrosoftAppPassword: auth?.appPassword ?? '',
    MicrosoftAppTenantId: auth?.appTenantId ?? '',
    MicrosoftAppType: auth?.appType ?? 'MultiTenant',
  };
  if (!auth) return credentials as ConfigurationBotFrameworkAuthenticationOptions;
  const overridden = [
    auth.toBotFromChannelOpenIdMetadataUrl,
    auth.toBotFromChannelTokenIssuer,
    auth.toChannelFromBotLoginUrl,
    auth.toChannelFromBotOAuthScope,
    auth.oAuthUrl,
  ].some((v) => v !== undefined);
  const cloud = {
    ...(auth.channelService ? { ChannelService: auth.channelService } : {}),
    ...(auth.validateAuthority !== undefined ? { ValidateAuthority: auth.validateAuthority } : {}),
  };
  if (!overridden) return { ...credentials, ...cloud } as ConfigurationBotFrameworkAuthenticationOptions;
  const gov = auth.channelService === GovernmentConstants.ChannelService;
  const base = gov ? GovernmentConstants : AuthenticationConstants;
  // What botbuilder stamps on activities from the public and US Gov channels; none for another cloud.
  const callerId =
    auth.channelService === undefined
      ? CallerIdConstants.PublicAzureChannel
      : gov
        ? CallerIdConstants.USGovChannel
        : undefined;
  return {
    ...credentials,
    ...cloud,
    ToBotFromChannelOpenIdMetadataUrl:
      auth.toBotFromChannelOpenIdMetadataUrl ?? base.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: auth.toBotFromChannelTokenIssuer ?? base.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: auth.toChannelFromBotLoginUrl ?? base.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: auth.toChannelFromBotOAuthScope ?? base.ToChannelFromBotOAuthScope,
    OAuthUrl: auth.oAuthUrl ?? base.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: base.ToBotFromEmulatorOpenIdMetadataUrl,
    ...(callerId ? { CallerId: callerId } : {}),
  } as ConfigurationBotFrameworkAuthenticationOptions;
}

/** What `new MsalServiceClientCredentialsFactory(appId, client)` takes. */
type MsalClient = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];
interface MsalNode {
  ConfidentialClientApplication: new (config: {
    auth: { clientId: string; clientSecret: string; authority: string; knownAuthorities: string[] };
  }) => MsalClient;
}

/**
 * How the bot gets its own tokens. botbuilder's default (undefined here) builds an MSAL client
 * per credential with only the authority: MSAL then checks an authority it does not know
 * against the public cloud (instance discovery, a call to login.microsoftonline.com), and
 * botbuilder never hands ValidateAuthority to MSAL. So a ToChannelFromBotLoginUrl that is set
 * gets an MSAL client that lists its host in `knownAuthorities`: the token comes from that
 * authority and nowhere else. (A managed identity gets no password-based client.)
 */
export function credentialsFactoryFor(
  auth: TeamsAuth | undefined,
): ServiceClientCredentialsFactory | undefined {
  const loginUrl = auth?.toChannelFromBotLoginUrl;
  if (!auth || !loginUrl || !auth.appPassword || auth.appType.toLowerCase() === 'userassignedmsi')
    return undefined;
  // The MSAL botbuilder itself runs (botframework-connector's own @azure/msal-node, whose API
  // MsalAppCredentials calls), not another copy: nothing here imports an Azure SDK.
  const msal = createRequire(require.resolve('botframework-connector'))('@azure/msal-node') as MsalNode;
  const client = new msal.ConfidentialClientApplication({
    auth: {
      clientId: auth.appId,
      clientSecret: auth.appPassword,
      authority: loginUrl,
      knownAuthorities: [new URL(loginUrl).host],
    },
  });
  return new MsalServiceClientCredentialsFactory(auth.appId, client);
}

/** The token check itself could not run (keys out of reach, too slow): not the caller's fault. */
function checkUnavailable(e: unknown): boolean {
  return (
    e instanceof AuthDeadlineError ||
    e instanceof AuthenticationError ||
    (e as { name?: unknown } | undefined)?.name === 'FetchError'
  );
}

/**
 * CloudAdapter, with the token checked before botbuilder's own `process` could see a failure:
 * it prints every failure with its stack (console.error) and answers 401 only for an
 * AuthenticationError (a forged signature got 500). Here a refused token is one warn line
 * and 401, and the turn never starts.
 */
class TeamsCloudAdapter extends CloudAdapter {
  constructor(
    private readonly auth: DeadlineBotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super(auth);
  }

  protected override async processActivity(
    authHeaderOrResult: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (typeof authHeaderOrResult !== 'string')
      return super.processActivity(authHeaderOrResult, activity, logic);
    let result: AuthenticateRequestResult;
    try {
      result = await this.auth.authenticateRequest(activity, authHeaderOrResult);
    } catch (e) {
      const refusal = tokenRefusalOf(e);
      if (refusal) {
        this.log.warn({ route: ROUTE, status: 401, reason: refusal.message }, 'request refused');
        return { status: 401, body: { error: 'the Bot Framework token was refused' } };
      }
      if (checkUnavailable(e)) {
        this.log.error(
          { route: ROUTE, status: 503, reason: (e as Error).message },
          'could not check the Bot Framework token',
        );
        return { status: 503, body: { error: 'the Bot Framework token could not be checked; try again' } };
      }
      throw e;
    }
    return super.processActivity(result, activity, logic);
  }
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
  const adapter = new TeamsCloudAdapter(
    new DeadlineBotFrameworkAuthentication(botFrameworkOptions(auth), credentialsFactoryFor(auth)),
    log,
  );
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
