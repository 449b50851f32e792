/**
 * Reads a request body with its size limited AFTER decompression. Restify's body reader counts
 * the compressed bytes only (a 600 KB gzip body inflated to 1.4 GB and stopped the process);
 * here every inflated chunk is counted and the stream is torn down the moment the limit is
 * passed, so memory stays bounded by the limit whatever the body claims to be.
 *
 * Bot Framework and Slack send plain JSON or form bodies; gzip and deflate are accepted (some
 * proxies compress) but nothing else.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { HttpError } from './errors';

const DECODERS: Record<string, (() => Readable & NodeJS.WritableStream) | undefined> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
};

export interface ReadBodyOptions {
  /** Bytes, counted after decompression (and on the wire). */
  limit: number;
}

function decoderOf(req: IncomingMessage): (Readable & NodeJS.WritableStream) | undefined {
  const raw = req.headers['content-encoding'];
  const encoding = (raw ?? 'identity').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return undefined;
  const make = DECODERS[encoding];
  if (!make) throw new HttpError(415, `content-encoding "${encoding.slice(0, 20)}" is not accepted`);
  return make();
}

/** The whole body, at most `limit` bytes once decoded; HttpError 413/415/400 otherwise. */
export function readBody(req: IncomingMessage, { limit }: ReadBodyOptions): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  let decoder: (Readable & NodeJS.WritableStream) | undefined;
  try {
    decoder = decoderOf(req);
  } catch (e) {
    req.resume();
    return Promise.reject(e);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let wire = 0;
    let settled = false;
    const source: Readable = decoder ? (req.pipe(decoder) as Readable) : req;
    const finish = (error?: HttpError) => {
      if (settled) return;
      settled = true;
      if (error) {
        chunks.length = 0;
        if (decoder) {
          req.unpipe(decoder);
          decoder.destroy();
        }
        // Keep reading (and dropping) what is still coming, so the answer can be written.
        req.resume();
        reject(error);
      } else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    if (decoder)
      req.on('data', (c: Buffer) => {
        wire += c.length;
        if (wire > limit) finish(tooLarge(limit));
      });
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    });
    source.on('end', () => finish());
    source.on('error', () => finish(new HttpError(400, 'the body could not be decoded')));
    req.on('aborted', () => finish(new HttpError(400, 'the request was aborted')));
    req.on('error', () => finish(new HttpError(400, 'the request could not be read')));
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `the body is larger than ${Math.round(limit / 1024)} KiB once decoded`);
}
