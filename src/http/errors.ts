/**
 * A request refused before it reached a handler: the status and one short reason, safe to
 * send back (it never quotes the body).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}
