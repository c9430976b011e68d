// How amounts, dates and times read on the users' screens: yen with thousands separators, dates and times
// in Japan time (the bank's), whatever the server's time zone.

import { tokyoDate } from '../../../domain/tokyo-date.ts';

/** 1234567n → "1,234,567円". */
export function yen(amount: bigint): string {
  return `${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}円`;
}

/** "2026-11-24" → "2026年11月24日". */
export function japaneseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** A moment as "2026年11月24日 18:00" in Japan time. */
export function japaneseDateTime(ms: number): string {
  const hhmm = new Date(ms + 9 * 3600 * 1000).toISOString().slice(11, 16);
  return `${japaneseDate(tokyoDate(ms))} ${hhmm}`;
}
