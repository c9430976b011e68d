// How numbers are shown: serials in groups of four for reading aloud over the telephone, codes split in
// halves for the eye, yen with thousands separators.

/** `21234567890123` → `2123 4567 8901 23`. */
export function groupSerial(serial: string): string {
  return serial.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** `123456` → `123 456`; `12345678` → `1234 5678`. */
export function splitCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** `150000` → `150,000`. */
export function formatYen(amount: string): string {
  return amount.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
