// One test per rule of the business-day calendar (bank-holidays.ts): weekends, national holidays, 振替休日,
// 国民の休日, the banks' year-end days, and an ordinary weekday.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NATIONAL_HOLIDAYS } from './bank-holidays.ts';
import { executionDayOf, isBusinessDay, nextBusinessDay } from './business-day.ts';

const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

test('an ordinary weekday is a business day and executes on itself', () => {
  assert.equal(isBusinessDay('2026-11-25'), true); // Wednesday
  assert.equal(executionDayOf('2026-11-25'), '2026-11-25');
  assert.equal(nextBusinessDay('2026-11-25'), '2026-11-26');
});

test('a Saturday is not a business day and moves to the Monday', () => {
  assert.equal(isBusinessDay('2026-11-28'), false);
  assert.equal(executionDayOf('2026-11-28'), '2026-11-30');
});

test('a Sunday is not a business day and moves to the Monday', () => {
  assert.equal(isBusinessDay('2026-11-29'), false);
  assert.equal(executionDayOf('2026-11-29'), '2026-11-30');
});

test('a national holiday on a weekday is not a business day (勤労感謝の日 2026-11-23, a Monday)', () => {
  assert.equal(isBusinessDay('2026-11-23'), false);
  assert.equal(executionDayOf('2026-11-21'), '2026-11-24', 'Saturday, Sunday and the holiday are all skipped');
});

test('a 振替休日 (the Monday after a holiday on a Sunday) is not a business day', () => {
  assert.equal(weekday('2027-03-21'), 0, '春分の日 2027 is a Sunday');
  assert.equal(isBusinessDay('2027-03-22'), false);
  assert.equal(executionDayOf('2027-03-20'), '2027-03-23');
  // 5/3 2026 on a Sunday: the substitute is the first day that is not a holiday, 5/6.
  assert.equal(isBusinessDay('2026-05-06'), false);
  assert.equal(executionDayOf('2026-05-02'), '2026-05-07');
});

test('a 国民の休日 (a day between two holidays) is not a business day', () => {
  assert.equal(isBusinessDay('2026-09-22'), false);
  assert.equal(executionDayOf('2026-09-19'), '2026-09-24');
});

test('12/31 is a bank holiday even on a weekday', () => {
  assert.equal(weekday('2026-12-31'), 4);
  assert.equal(isBusinessDay('2026-12-31'), false);
});

test('1/1 to 1/3 are bank holidays, so a transfer dated 12/31 executes on 1/4', () => {
  for (const d of ['2027-01-01', '2027-01-02', '2027-01-03']) assert.equal(isBusinessDay(d), false, d);
  assert.equal(executionDayOf('2026-12-31'), '2027-01-04');
  assert.equal(isBusinessDay('2027-01-04'), true);
});

test('every 振替休日 in the table follows a holiday on a Sunday, and no holiday row is a duplicate', () => {
  const dates = NATIONAL_HOLIDAYS.map((h) => h.date);
  assert.equal(new Set(dates).size, dates.length);
  for (const h of NATIONAL_HOLIDAYS.filter((x) => x.name === '休日')) {
    const before = new Date(Date.parse(`${h.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    assert.ok(dates.includes(before), `${h.date} follows a holiday`);
  }
});

test('a date outside the table is refused rather than guessed', () => {
  assert.throws(() => isBusinessDay('2028-01-05'), RangeError);
});
