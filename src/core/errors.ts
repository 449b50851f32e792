import type { StageError } from './verification';

/** An Azure call failed in a way the user must hear about; carries the coded stage error. */
export class StageFailure extends Error {
  override readonly name = 'StageFailure';
  constructor(readonly result: StageError) {
    super(`${result.stage}: ${result.code}: ${result.message}`);
  }
}
