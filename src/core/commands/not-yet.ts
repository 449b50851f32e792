import { message } from '../reply';
import type { Verb } from './verb';

/** A verb of SPEC 1.5 that a later release builds: recognised, and answered honestly. */
export function notYet(spec: Pick<Verb, 'name' | 'usage' | 'summary' | 'who' | 'grammar'>): Verb {
  return {
    ...spec,
    listed: true,
    available: false,
    async run() {
      return message(
        `"${spec.name}" is not available yet`,
        'It comes in a later release. For now: /osto connect azure, /osto status, /osto help.',
      );
    },
  };
}
