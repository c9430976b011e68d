// 営業日: the days a transfer can be executed (bank-holidays.ts names the sources). A 振込指定日 that is not
// one executes on the next one. Dates are Japan calendar dates, YYYY-MM-DD (tokyo-date.ts).

import { BANK_YEAR_END_DAYS, HOLIDAY_TABLE_YEARS, NATIONAL_HOLIDAYS } from './bank-holidays.ts';
import { addDays, isCalendarDate } from './tokyo-date.ts';

const HOLIDAYS: ReadonlySet<string> = new Set(NATIONAL_HOLIDAYS.map((h) => h.date));

function checkCovered(date: string): void {
  if (!isCalendarDate(date)) throw new TypeError(`not a calendar date: ${date}`);
  const year = Number(date.slice(0, 4));
  // A year the table does not cover cannot be judged: guessing would execute a transfer on a holiday.
  if (year < HOLIDAY_TABLE_YEARS.first || year > HOLIDAY_TABLE_YEARS.last) {
    throw new RangeError(`the holiday table (bank-holidays.ts) does not cover ${year}: add that year from syukujitsu.csv`);
  }
}

/** True on a weekday that is neither a national holiday nor one of the banks' year-end days. */
export function isBusinessDay(date: string): boolean {
  checkCovered(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !HOLIDAYS.has(date) && !BANK_YEAR_END_DAYS.includes(date.slice(5));
}

/** The first business day after `date`. */
export function nextBusinessDay(date: string): string {
  let day = addDays(date, 1);
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
}

/** `date` itself when it is a business day, else the next one: the day a transfer dated `date` executes. */
export function executionDayOf(date: string): string {
  return isBusinessDay(date) ? date : nextBusinessDay(date);
}
