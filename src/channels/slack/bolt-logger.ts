/**
 * Bolt's and the Web API client's logs, written through the app's structured logger (which
 * redacts secret-shaped text). Bolt never gets the request bodies to log: developerMode is off.
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

export function boltLogger(log: Logger): BoltLogger {
  const write =
    (level: Level) =>
    (...parts: unknown[]) => {
      const err = parts.find((p) => p instanceof Error);
      log[level]({ source: 'bolt', ...(err ? { err } : {}) }, text(parts));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // The app's logger decides what is written.
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
