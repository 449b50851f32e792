/**
 * Bolt's and the Web API client's logs, written through the app's structured logger (which
 * redacts secret-shaped text). Their debug lines that carry payloads (`http request body: …`,
 * `ack() response sent (body: …)`, an incoming body as JSON) are dropped: a modal submission
 * holds the client secret, and outgoing messages hold what users typed.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/ports';

type Level = 'debug' | 'info' | 'warn' | 'error';

function text(parts: unknown[]): string {
  return parts
    .filter((p) => !(p instanceof Error))
    .map((p) => {
      if (typeof p === 'string') return p;
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    })
    .join(' ');
}

/** A debug line that quotes a payload (a body, headers, a result, any JSON). */
export function carriesPayload(line: string): boolean {
  return /[{[]/.test(line) || /\b(body|payload|headers|result|arguments)\b/i.test(line);
}

export function boltLogger(log: Logger): BoltLogger {
  const write =
    (level: Level) =>
    (...parts: unknown[]) => {
      const err = parts.find((p) => p instanceof Error);
      const line = text(parts);
      if (level === 'debug' && carriesPayload(line)) return;
      log[level]({ source: 'bolt', ...(err ? { err } : {}) }, line);
    };
  // Bolt and the Web API client log several debug lines per request: skip building them when
  // debug lines are not written at all.
  const debugOn = log.isLevelEnabled?.('debug') ?? true;
  return {
    debug: debugOn ? write('debug') : () => {},
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // The app's logger decides what is written.
    setLevel: () => {},
    getLevel: () => (debugOn ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}
