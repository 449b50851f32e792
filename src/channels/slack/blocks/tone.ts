import type { Tone } from '../../../core/views';

/** How a tone shows in Slack (Block Kit has no colours for text). */
export const TONE_EMOJI: Record<Tone, string> = {
  good: '🟢',
  warning: '🟠',
  bad: '🔴',
  neutral: '⚪',
};
