import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ClientSecretCredential } from '@azure/identity';
import type { AzureCredentials } from '../core/connection-input';
import { type CallPolicy, type ThrottledByAzure, throttleGuardPolicy } from './call-policy';
import { type AzureEndpoints, scopeOf } from './endpoints';

/** Builds the SDK clients for one service principal, all tuned by the same call policy. */
export class AzureClients {
  readonly credential: ClientSecretCredential;
  /** Set when sign-in was refused with a long Retry-After (MSAL hides the error itself). */
  signInThrottled?: ThrottledByAzure;
  private readonly common;

  constructor(
    readonly creds: AzureCredentials,
    readonly endpoints: AzureEndpoints,
    policy: CallPolicy,
  ) {
    const retryOptions = {
      maxRetries: policy.maxRetries,
      retryDelayInMs: policy.retryDelayInMs,
      maxRetryDelayInMs: policy.maxRetryDelayInMs,
    };
    this.credential = new ClientSecretCredential(creds.tenantId, creds.clientId, creds.clientSecret, {
      authorityHost: endpoints.authorityHost,
      disableInstanceDiscovery: true,
      retryOptions: { ...retryOptions, maxRetries: Math.min(policy.maxRetries, 1) },
      additionalPolicies: [
        {
          policy: throttleGuardPolicy(policy, (e) => {
            this.signInThrottled = e;
          }),
          position: 'perRetry',
        },
      ],
    });
    this.common = {
      endpoint: endpoints.resourceManager,
      credentialScopes: [scopeOf(endpoints.resourceManager)],
      retryOptions,
      additionalPolicies: [{ policy: throttleGuardPolicy(policy), position: 'perRetry' as const }],
      userAgentOptions: { userAgentPrefix: 'osto-bot' },
    };
  }

  subscriptions(): SubscriptionClient {
    return new SubscriptionClient(this.credential, this.common);
  }

  authorization(): AuthorizationManagementClient {
    return new AuthorizationManagementClient(this.credential, this.creds.subscriptionId, this.common);
  }

  resources(): ResourceManagementClient {
    return new ResourceManagementClient(this.credential, this.creds.subscriptionId, this.common);
  }
}
