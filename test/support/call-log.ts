import type { IncomingMessage } from 'node:http';

/**
 * The calls a local fake (Bot Connector, Slack Web API) has recorded, and a wait for the
 * one a test expects: woken at each new call, checked at least every 250 ms.
 */
export class CallLog<T> {
  readonly calls: T[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly what: string,
    private readonly describe: (call: T) => string,
  ) {}

  push(call: T): void {
    this.calls.push(call);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until a call matches (checks the calls so far first). */
  async waitFor(pred: (c: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.calls.find(pred);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching ${this.what} call within ${timeoutMs} ms; saw:\n${this.summary()}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  summary(): string {
    return this.calls.map(this.describe).join('\n');
  }
}

/** The whole body of a request to a local fake. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
