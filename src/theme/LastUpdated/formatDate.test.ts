import { describe, expect, it } from 'vitest';
import { formatUtcDate } from './formatDate';

describe('formatUtcDate', () => {
  it("writes every day of four years as Intl's English short date in UTC does", () => {
    const intl = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const start = Date.UTC(2024, 0, 1);
    for (let day = 0; day < 4 * 366; day++) {
      // 23:30 UTC: a formatter in local time would write the next day east of Greenwich.
      const date = new Date(start + day * 86_400_000 + 23.5 * 3_600_000);
      expect(formatUtcDate(date)).toBe(intl.format(date));
    }
  });
});
