/**
 * Reads of Azure Resource Manager outside the typed SDK clients (sub-resources, subscription
 * settings, Resource Graph): the SDK's own HTTP pipeline (bearer token for the ARM audience,
 * retries, the throttle guard), paging by `nextLink`, and the subscription's read budget
 * (`x-ms-ratelimit-remaining-subscription-reads`): when it runs low, reads slow down instead of
 * running into 429s.
 */
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
  RestError,
} from '@azure/core-rest-pipeline';
import type { CallPolicy } from './call-policy';
import { throttleGuardPolicy } from './call-policy';
import type { AzureClients } from './clients';
import { scopeOf } from './endpoints';

/** Reads kept in reserve: below this many remaining, the reader waits for the bucket to refill. */
const BUDGET_RESERVE = 20;
/** ARM refills a subscription's read bucket at about this many reads a second. */
const REFILL_PER_SECOND = 25;

export class ArmReader {
  private readonly pipeline: Pipeline;
  private readonly http: HttpClient = createDefaultHttpClient();
  private readonly base: string;
  /** The last `x-ms-ratelimit-remaining-subscription-reads` seen. */
  private remaining: number | undefined;
  private pause: Promise<void> | undefined;
  /** Requests sent (each retry counts). */
  requests = 0;

  constructor(clients: AzureClients, policy: CallPolicy) {
    this.base = clients.endpoints.resourceManager.replace(/\/+$/, '');
    this.pipeline = createPipelineFromOptions({
      retryOptions: {
        maxRetries: policy.maxRetries,
        retryDelayInMs: policy.retryDelayInMs,
        maxRetryDelayInMs: policy.maxRetryDelayInMs,
      },
      userAgentOptions: { userAgentPrefix: 'osto-bot' },
    });
    this.pipeline.addPolicy(
      bearerTokenAuthenticationPolicy({
        credential: clients.credential,
        scopes: scopeOf(clients.endpoints.resourceManager),
      }),
      { phase: 'Sign' },
    );
    // Per try, like the SDK clients' own: a long Retry-After ends the read at once.
    this.pipeline.addPolicy(throttleGuardPolicy(policy), { afterPhase: 'Retry' });
  }

  /** GETs one document (`path` from the ARM root, e.g. a resource id + `/config/web`). */
  async get(path: string, apiVersion: string, signal?: AbortSignal): Promise<unknown> {
    return this.send('GET', this.url(path, apiVersion), undefined, signal);
  }

  /** GETs a list and every page after it (`value` arrays concatenated); `onPage` sees each page. */
  async list(path: string, apiVersion: string, signal?: AbortSignal): Promise<unknown[]> {
    const out: unknown[] = [];
    let url: string | undefined = this.url(path, apiVersion);
    while (url) {
      const page = (await this.send('GET', url, undefined, signal)) as {
        value?: unknown;
        nextLink?: unknown;
      };
      if (Array.isArray(page?.value)) out.push(...page.value);
      url = typeof page?.nextLink === 'string' && page.nextLink ? page.nextLink : undefined;
    }
    return out;
  }

  /** POSTs a JSON body (Resource Graph). */
  async post(path: string, apiVersion: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return this.send('POST', this.url(path, apiVersion), body, signal);
  }

  private url(path: string, apiVersion: string): string {
    const sep = path.includes('?') ? '&' : '?';
    return `${this.base}${path.startsWith('/') ? '' : '/'}${path}${sep}api-version=${encodeURIComponent(apiVersion)}`;
  }

  private async send(
    method: 'GET' | 'POST',
    url: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    await this.withinBudget();
    const request = createPipelineRequest({
      url,
      method,
      ...(signal ? { abortSignal: signal } : {}),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (body !== undefined) request.headers.set('content-type', 'application/json');
    this.requests += 1;
    const response = await this.pipeline.sendRequest(this.http, request);
    const left = Number(response.headers.get('x-ms-ratelimit-remaining-subscription-reads'));
    if (Number.isFinite(left)) this.remaining = left;
    const text = response.bodyAsText ?? '';
    if (response.status >= 200 && response.status < 300)
      return text ? (JSON.parse(text) as unknown) : undefined;
    let code: string | undefined;
    let message = `HTTP ${response.status}`;
    try {
      const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
      code = parsed.error?.code;
      if (parsed.error?.message) message = parsed.error.message;
    } catch {
      // not JSON: keep the status
    }
    throw new RestError(message, {
      statusCode: response.status,
      ...(code ? { code } : {}),
      request,
      response,
    });
  }

  /** Waits while the read budget is nearly spent (one wait shared by every caller). */
  private async withinBudget(): Promise<void> {
    while (this.pause) await this.pause;
    if (this.remaining === undefined || this.remaining > BUDGET_RESERVE) return;
    const waitMs = Math.ceil(((BUDGET_RESERVE - this.remaining + 1) / REFILL_PER_SECOND) * 1000);
    this.remaining = undefined;
    this.pause = new Promise<void>((r) => setTimeout(r, waitMs)).finally(() => {
      this.pause = undefined;
    });
    await this.pause;
  }
}
