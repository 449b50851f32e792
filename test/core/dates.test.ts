import { expiryText, relativeTime } from '../../src/core/format';

const now = new Date('2026-11-27T12:00:00Z');

describe('times as people read them', () => {
  it.each([
    [undefined, 'never'],
    ['2026-11-27T11:59:40Z', 'just now'],
    ['2026-11-27T11:55:00Z', '5 minutes ago'],
    ['2026-11-27T11:00:00Z', '1 hour ago'],
    ['2026-11-27T09:00:00Z', '3 hours ago'],
    ['2026-11-25T12:00:00Z', '2 days ago'],
  ])('last sync %s → %s', (iso, text) => {
    expect(relativeTime(iso, now)).toBe(text);
  });

  it.each([
    [undefined, 'unknown'],
    ['2027-06-15T00:00:00Z', '2027-06-15 (in 199 days)'],
    ['2026-11-28T18:00:00Z', '2026-11-28 (tomorrow)'],
    ['2026-11-27T20:00:00Z', '2026-11-27 (today)'],
    ['2026-11-20T00:00:00Z', 'expired on 2026-11-20'],
  ])('secret expiry %s → %s', (iso, text) => {
    expect(expiryText(iso, now)).toBe(text);
  });
});
