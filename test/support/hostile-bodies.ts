/**
 * Bodies a hostile client sends: gzip that inflates far beyond its size on the wire. Built as
 * concatenated gzip members (one compressed megabyte repeated), which every gzip reader
 * inflates in full, so a 600 MB bomb costs the test a few hundred KB and no CPU.
 */
import { gzipSync } from 'node:zlib';

const MB = 1024 * 1024;

/** A gzip body that inflates to `{"type":"message"` + `megabytes` MB of spaces + `}`. */
export function gzipBomb(megabytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(MB, ' '), { level: 9 });
  return Buffer.concat([
    gzipSync('{"type":"message"'),
    ...Array.from({ length: megabytes }, () => member),
    gzipSync('}'),
  ]);
}

export async function postRaw(
  url: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}
