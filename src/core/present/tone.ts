/** How a line feels; each channel maps it to its own colour or emoji. */
export type Tone = 'good' | 'warning' | 'bad' | 'neutral';
