import type { CoreDeps } from './commands/context';

/** A new random id (a secret's fingerprint): the injected factory, or crypto.randomUUID. */
export function newId(deps: Pick<CoreDeps, 'newId'>): string {
  return deps.newId ? deps.newId() : globalThis.crypto.randomUUID();
}
