// The repositories write `?` placeholders (what SQLite takes); PostgreSQL wants $1, $2, … . Question marks
// inside quoted strings or identifiers are left alone. (The jsonb `?` operators would be rewritten too: the
// schema has no jsonb, so none are used.)

export function numberPlaceholders(sql: string): string {
  let out = '';
  let count = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote !== null) {
      if (ch === quote) quote = null; // a doubled quote ('' or "") closes and reopens: still correct
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '?') {
      out += `$${++count}`;
      continue;
    }
    out += ch;
  }
  return out;
}
