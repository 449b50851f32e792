import { cardActivity } from '../../src/channels/teams/activity';
import { renderStatus } from '../../src/channels/teams/cards';
import { activityBytes, fitToTeams, TEAMS_MAX_ACTIVITY_BYTES } from '../../src/channels/teams/reply-size';
import { statusView } from '../../src/core/commands/status';
import type { Connection } from '../../src/core/connection';
import { fakeLogger } from '../store/store-fixtures';
import { cardText } from '../support/fake-connector';

const now = new Date('2026-12-01T12:00:00Z');
const connection = (i: number): Connection => ({
  id: `c${i}`,
  workspaceId: 'teams:t',
  name: `Connection number ${i} with a long name of sixty-four characters.....`.slice(0, 64),
  tenantId: 't',
  subscriptionId: '11111111-2222-3333-4444-555555555555',
  subscriptionName: 'A subscription display name that is rather long as well, really',
  clientId: 'c',
  principalId: 'p',
  roles: ['Reader'],
  status: i % 3 ? 'active' : 'error',
  statusReason: 'Microsoft Entra ID rejected the client secret for app 11111111-2222-3333-4444-555555555555.',
  expirySource: 'graph',
  secretExpiresOn: '2027-06-15T00:00:00Z',
  inventory: { total: 123_456, byType: {}, byLocation: {}, byResourceGroup: {}, pages: 1 },
  lastSyncAt: now.toISOString(),
  notify: 'changes',
  createdBy: 'u',
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

describe('replies stay within what Teams accepts (~28 KB)', () => {
  it('status with 200 connections shows the first 15 and says how to see another', () => {
    const activity = cardActivity(
      renderStatus(
        statusView(
          Array.from({ length: 200 }, (_, i) => connection(i)),
          now,
        ),
      ),
    );
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
