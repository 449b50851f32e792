import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync, gzipSync } from 'node:zlib';
import { HttpError } from '../../src/http/errors';
import { readBody } from '../../src/http/read-body';
import { gzipBomb, postRaw } from '../support/hostile-bodies';

/** A server that reads each body with readBody and answers what it got (or the refusal). */
describe('readBody: the size limit counts decoded bytes', () => {
  let server: Server;
  let url: string;
  const LIMIT = 64 * 1024;
  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      try {
        const body = await readBody(req, { limit: LIMIT });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`${body.length}:${body.subarray(0, 20).toString()}`);
      } catch (e) {
        const err = e as HttpError;
        res.writeHead(err instanceof HttpError ? err.status : 500, { connection: 'close' });
        res.end(err.message);
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads a plain body within the limit', async () => {
    const res = await postRaw(url, 'hello world', {});
    expect([res.status, res.text]).toEqual([200, '11:hello world']);
  });

  it('inflates gzip and deflate bodies within the limit', async () => {
    expect((await postRaw(url, gzipSync('zipped body'), { 'content-encoding': 'gzip' })).text).toBe(
      '11:zipped body',
    );
    expect((await postRaw(url, deflateSync('deflated'), { 'content-encoding': 'deflate' })).text).toBe(
      '8:deflated',
    );
  });

  it('refuses a body whose content-length is over the limit, and one that streams over it', async () => {
    expect((await postRaw(url, Buffer.alloc(LIMIT + 1, 'a'), {})).status).toBe(413);
    const chunked = new ReadableStream({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(new Uint8Array(LIMIT / 2));
        c.close();
      },
    });
    const res = await fetch(url, { method: 'POST', body: chunked, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('stops inflating a gzip bomb at the limit, with memory untouched', async () => {
    const before = process.memoryUsage().rss;
    const res = await postRaw(url, gzipBomb(200), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/larger than 64 KiB once decoded/);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses encodings it does not know (415) and bodies that do not decode (400)', async () => {
    expect((await postRaw(url, 'x', { 'content-encoding': 'br' })).status).toBe(415);
    expect((await postRaw(url, 'not gzip', { 'content-encoding': 'gzip' })).status).toBe(400);
  });
});
