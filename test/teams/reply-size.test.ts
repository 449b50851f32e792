import { cardActivity } from '../../src/channels/teams/activity';
import { renderStatus } from '../../src/channels/teams/cards';
import { activityBytes, fitToTeams, TEAMS_MAX_ACTIVITY_BYTES } from '../../src/channels/teams/reply-size';
import type { StatusRow } from '../../src/core/views';
import { fakeLogger } from '../store/store-fixtures';
import { cardText } from '../support/fake-connector';

const row = (i: number): StatusRow => ({
  name: `Connection number ${i} with a long name of sixty-four characters.....`.slice(0, 64),
  status: i % 3 ? 'Active' : 'Error',
  statusReason: 'Microsoft Entra ID rejected the client secret for app 11111111-2222-3333-4444-555555555555.',
  subscriptionName: 'A subscription display name that is rather long as well, really',
  subscriptionId: '11111111-2222-3333-4444-555555555555',
  assets: 123_456,
  lastSync: '3 hours ago',
  secretExpiry: '2027-06-15 (in 200 days)',
  severity: { critical: 1, high: 2, medium: 3, low: 4, informational: 5 },
});

describe('replies stay within what Teams accepts (~28 KB)', () => {
  it('status with 200 connections shows the first 15 and says how to see another', () => {
    const activity = cardActivity(renderStatus({ rows: Array.from({ length: 200 }, (_, i) => row(i)) }));
    expect(activityBytes(activity)).toBeLessThan(TEAMS_MAX_ACTIVITY_BYTES);
    const text = cardText({ body: activity as Record<string, unknown> });
    expect(text).toMatch(/200 connections/);
    expect(text).toMatch(/the first 15 shown/);
    expect(text).toContain('Connection number 14');
    expect(text).not.toContain('Connection number 15 ');
  });

  it('a reply that would still be too large becomes a short notice, logged as an error', () => {
    const log = fakeLogger();
    const activity = { type: 'message', text: 'x'.repeat(40_000) };
    fitToTeams(activity, log);
    expect(activity.text).toBeUndefined();
    expect(activityBytes(activity)).toBeLessThan(2_000);
    expect(cardText({ body: activity as Record<string, unknown> })).toMatch(/too long for a Teams message/);
    expect(log.calls.filter((c) => c.level === 'error')).toHaveLength(1);
  });

  it('leaves replies of a normal size alone', () => {
    const activity = { type: 'message', text: 'hello' };
    fitToTeams(activity, fakeLogger());
    expect(activity).toEqual({ type: 'message', text: 'hello' });
  });
});
