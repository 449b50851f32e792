/** Buttons that run a core verb (the same as typing it): the action id says "run", the value what. */
import type { ActionsBlock, Button } from '@slack/types';
import type { ActionView } from '../../../core/views';
import { ACTION_IDS } from './ids';
import { button } from './text';

/** What a "run" button carries: never a secret (only what the core put in the view's action). */
export interface RunValue {
  verb: string;
  args: Record<string, string>;
  inPlace?: boolean;
}

export function runButton(a: ActionView): Button {
  const value: RunValue = { verb: a.run.verb, args: a.run.args, ...(a.inPlace ? { inPlace: true } : {}) };
  const style = a.style === 'primary' ? 'primary' : a.style === 'danger' ? 'danger' : undefined;
  return button(
    `${ACTION_IDS.run}:${a.run.verb}:${a.label}`.slice(0, 255),
    a.label,
    JSON.stringify(value),
    style,
  );
}

export function actionsBlock(actions: ActionView[]): ActionsBlock[] {
  return actions.length > 0 ? [{ type: 'actions', elements: actions.slice(0, 25).map(runButton) }] : [];
}
