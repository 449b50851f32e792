/**
 * Authorizes every request with the one bot token. Bolt's own single-token setup runs
 * auth.test as the App is built and caches that promise: with Slack unreachable at boot or a
 * revoked token, the rejection goes unhandled (the process dies, Teams with it) and Slack stays
 * broken until a restart. Here auth.test runs at the first request, is kept once it succeeds,
 * and is tried again at the next request after a failure (which app.error reports).
 */
import type { Authorize, webApi } from '@slack/bolt';

export function botAuthorization(client: webApi.WebClient, botToken: string): Authorize<boolean> {
  let ids: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    ids ??= client.auth.test({ token: botToken }).then((r) => ({ botId: r.bot_id, botUserId: r.user_id }));
    try {
      return { botToken, ...(await ids) };
    } catch (e) {
      ids = undefined;
      throw e;
    }
  };
}
