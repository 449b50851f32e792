import { calendarDaysUntil, expiryText, relativeTime } from '../../src/core/present/dates';

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
    ['2027-06-15T00:00:00Z', '2027-06-15 (in 200 days)'],
    ['2026-11-28T18:00:00Z', '2026-11-28 (tomorrow)'],
    ['2026-11-27T20:00:00Z', '2026-11-27 (today)'],
    ['2026-11-20T00:00:00Z', 'expired on 2026-11-20'],
  ])('secret expiry %s → %s', (iso, text) => {
    expect(expiryText(iso, now)).toBe(text);
  });
});

describe('days left are calendar days, as people count them', () => {
  it('a secret ending on 2026-12-06 is "in 5 days" all day on 2026-12-01', () => {
    for (const time of ['00:00:01', '09:00:00', '23:59:59'])
      expect(expiryText('2026-12-06T00:00:00Z', new Date(`2026-12-01T${time}Z`))).toBe(
        '2026-12-06 (in 5 days)',
      );
    expect(calendarDaysUntil('2026-12-06T08:30:00Z', new Date('2026-12-01T23:00:00Z'))).toBe(5);
  });
});
