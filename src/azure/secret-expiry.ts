import type { ExpiryFact } from '../core/ports';
import { type CallPolicy, deadlineSignal, withDeadline } from './call-policy';
import type { AzureClients } from './clients';
import { scopeOf } from './endpoints';

export type ExpiryLookup = ExpiryFact;

interface PasswordCredential {
  hint?: string | null;
  endDateTime?: string | null;
}

/**
 * The credential in use is the one whose `hint` is the secret's first three characters;
 * among several, the soonest to expire that has not yet (the conservative choice). `never` when
 * the only matches have no end date.
 */
export function pickExpiry(
  creds: PasswordCredential[],
  secret: string,
  now: Date,
): string | 'never' | undefined {
  const hint = secret.slice(0, 3);
  const matches = creds.filter((c) => c.hint === hint);
  if (matches.length > 0 && matches.every((c) => !c.endDateTime)) return 'never';
  const ends = matches
    .filter((c) => c.endDateTime)
    .map((c) => new Date(c.endDateTime as string))
    .filter((d) => !Number.isNaN(d.getTime()))
    .sort((a, b) => a.getTime() - b.getTime());
  const live = ends.find((d) => d.getTime() >= now.getTime());
  return (live ?? ends[ends.length - 1])?.toISOString();
}

/** Stage 4: when does the secret expire? Microsoft Graph knows, if the app may read applications. */
export async function readSecretExpiry(
  clients: AzureClients,
  policy: CallPolicy,
  now: Date,
  signal?: AbortSignal,
): Promise<ExpiryLookup> {
  const ms = policy.stageDeadlineMs;
  const deadline = deadlineSignal(ms, signal);
  const graph = clients.endpoints.graph.replace(/\/+$/, '');
  try {
    return await withDeadline(deadline, ms, async () => {
      const token = await clients.credential.getToken(scopeOf(graph), { abortSignal: deadline });
      if (!token) return { known: false, reason: 'unavailable' } as const;
      const url = `${graph}/v1.0/applications(appId='${encodeURIComponent(clients.creds.clientId)}')?$select=passwordCredentials`;
      const res = await fetch(url, { headers: { authorization: `Bearer ${token.token}` }, signal: deadline });
      if (res.status === 403 || res.status === 401) return { known: false, reason: 'permission' } as const;
      if (!res.ok) return { known: false, reason: 'unavailable' } as const;
      const body = (await res.json()) as { passwordCredentials?: PasswordCredential[] };
      const expiresOn = pickExpiry(body.passwordCredentials ?? [], clients.creds.clientSecret, now);
      if (expiresOn === 'never') return { known: true, never: true } as const;
      return expiresOn
        ? ({ known: true, expiresOn } as const)
        : ({ known: false, reason: 'not_listed' } as const);
    });
  } catch {
    return { known: false, reason: 'unavailable' };
  }
}
