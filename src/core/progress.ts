import { subscriptionLabel } from './present/subscription';
import type { Tone } from './present/tone';
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

const STAGE_TONES: Record<StageState, Tone> = {
  pending: 'neutral',
  running: 'neutral',
  ok: 'neutral',
  warning: 'warning',
  error: 'bad',
  skipped: 'neutral',
};

/** The stages a person watches (the form check happens before the progress card appears). */
export const SHOWN_STAGES: StageId[] = ['signin', 'subscription', 'role', 'expiry', 'sync'];

/** Builds the progress view as stages finish. */
export class ProgressTracker {
  private readonly states = new Map<StageId, { state: StageState; note?: string }>();

  constructor(
    private readonly name: string,
    private readonly subscriptionId: string,
  ) {
    SHOWN_STAGES.forEach((id, i) => {
      this.states.set(id, { state: i === 0 ? 'running' : 'pending' });
    });
  }

  /** Records a finished stage and marks the next one running (or the rest skipped on error). */
  record(r: StageResult): void {
    if (!SHOWN_STAGES.includes(r.stage)) return;
    const note = r.status === 'ok' ? r.detail : r.message;
    this.states.set(r.stage, { state: r.status, ...(note ? { note } : {}) });
    const next = SHOWN_STAGES[SHOWN_STAGES.indexOf(r.stage) + 1];
    if (r.status === 'error') {
      for (const id of SHOWN_STAGES.slice(SHOWN_STAGES.indexOf(r.stage) + 1))
        this.states.set(id, { state: 'skipped' });
    } else if (next) this.states.set(next, { state: 'running' });
  }

  view(): ProgressView {
    return {
      title: `Connecting ${this.name.trim() || 'the subscription'}…`,
      subtitle: `Subscription ${subscriptionLabel(undefined, this.subscriptionId)}`,
      stages: SHOWN_STAGES.map((id) => {
        const s = this.states.get(id) ?? { state: 'pending' as const };
        return {
          id,
          title: STAGE_TITLES[id],
          state: s.state,
          icon: STAGE_ICONS[s.state],
          tone: STAGE_TONES[s.state],
          ...(s.note ? { note: s.note } : {}),
        };
      }),
    };
  }
}
