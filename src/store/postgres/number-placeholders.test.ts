import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numberPlaceholders } from './number-placeholders.ts';

test('question marks become $1, $2, … in order', () => {
  assert.equal(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)'), 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
});

test('question marks inside quoted strings and identifiers are left alone', () => {
  assert.equal(numberPlaceholders(`SELECT '?', 'it''s ?', "col?" FROM t WHERE a = ?`), `SELECT '?', 'it''s ?', "col?" FROM t WHERE a = $1`);
});

test('a statement without placeholders is unchanged', () => {
  assert.equal(numberPlaceholders("INSERT INTO t VALUES (0, '')"), "INSERT INTO t VALUES (0, '')");
});
