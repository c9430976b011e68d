/** `?, ?, ?` for an IN list or a VALUES tuple of `count` values. */
export function placeholders(count: number): string {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`placeholders needs a count >= 1, got ${count}`);
  return new Array<string>(count).fill('?').join(', ');
}
