import { AzureLogger, type AzureLogLevel, setLogLevel } from '@azure/logger';
import type { Logger } from '../core/ports';

/**
 * Routes the Azure SDKs' own log lines into the bot's structured logger (where redaction
 * and scrubbing apply) instead of stderr.
 */
export function routeAzureSdkLogs(log: Logger, level: AzureLogLevel = 'warning'): void {
  setLogLevel(level);
  AzureLogger.log = (...args: unknown[]) => {
    const text = args
      .map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a)))
      .join(' ');
    log.debug({ source: 'azure-sdk' }, text);
  };
}
