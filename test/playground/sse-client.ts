/** A minimal Server-Sent Events reader for tests: records every event of a stream. */

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseStream {
  readonly events: SseEvent[];
  status: number;
  headers: Headers;
  /** Waits for an event matching `pred` (events so far included). */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function openEvents(url: string): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const decoder = new TextDecoder();
  let buffer = '';

  const ended = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event && data !== undefined) events.push({ event, data: JSON.parse(data) as unknown });
          cut = buffer.indexOf('\n\n');
        }
        for (const w of [...waiters]) w();
      }
    } catch {
      // aborted
    }
  })();

  return {
    events,
    status: res.status,
    headers: res.headers,
    ended,
    close: () => abort.abort(),
    async waitFor(pred, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `no matching event within ${timeoutMs} ms; saw: ${events.map((e) => e.event).join(', ')}`,
          );
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(t);
            waiters.delete(done);
            resolve();
          };
          const t = setTimeout(done, Math.min(left, 250));
          waiters.add(done);
        });
      }
    },
  };
}
