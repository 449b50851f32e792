import { STAGE_TITLES, type StageId, type StageResult } from './verification';
import type { ProgressView, StageState } from './views';

/** How each channel marks a stage's state, the same in Teams and Slack. */
export const STAGE_ICONS: Record<StageState, string> = {
  pending: '○',
  running: '⏳',
  ok: '✅',
  warning: '⚠️',
  error: '❌',
  skipped: '–',
};

/** The stages a person watches (the form check happens before the progress card appears). */
const SHOWN: StageId[] = ['signin', 'subscription', 'role', 'expiry', 'sync'];

/** Builds the progress view as stages finish. */
export class ProgressTracker {
  private readonly states = new Map<StageId, { state: StageState; note?: string }>();

  constructor(
    private readonly name: string,
    private readonly subscriptionId: string,
  ) {
    SHOWN.forEach((id, i) => {
      this.states.set(id, { state: i === 0 ? 'running' : 'pending' });
    });
  }

  /** Records a finished stage and marks the next one running (or the rest skipped on error). */
  record(r: StageResult): void {
    if (!SHOWN.includes(r.stage)) return;
    const note = r.status === 'ok' ? r.detail : r.message;
    this.states.set(r.stage, { state: r.status, ...(note ? { note } : {}) });
    const next = SHOWN[SHOWN.indexOf(r.stage) + 1];
    if (r.status === 'error') {
      for (const id of SHOWN.slice(SHOWN.indexOf(r.stage) + 1)) this.states.set(id, { state: 'skipped' });
    } else if (next) this.states.set(next, { state: 'running' });
  }

  view(): ProgressView {
    return {
      name: this.name,
      subscriptionId: this.subscriptionId,
      stages: SHOWN.map((id) => ({
        id,
        title: STAGE_TITLES[id],
        ...(this.states.get(id) ?? { state: 'pending' }),
      })),
    };
  }
}
