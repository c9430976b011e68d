import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canTransition, TOKEN_STATUSES, TOKEN_TRANSITIONS } from './token.ts';

test('the transition table names every status and only known statuses', () => {
  assert.deepEqual(Object.keys(TOKEN_TRANSITIONS).sort(), [...TOKEN_STATUSES].sort());
  for (const targets of Object.values(TOKEN_TRANSITIONS)) for (const t of targets) assert.ok((TOKEN_STATUSES as readonly string[]).includes(t));
});

test('the moves the rules make are allowed, and revoked and lost tokens never come back', () => {
  const allowed: [string, string][] = [
    ['in_stock', 'issued'],
    ['issued', 'registered'],
    ['registered', 'issued'],
    ['issued', 'locked'],
    ['registered', 'locked'],
    ['locked', 'registered'],
    ['locked', 'issued'],
    ['registered', 'revoked'],
    ['issued', 'lost'],
  ];
  for (const [from, to] of allowed) assert.equal(canTransition(from as never, to as never), true, `${from} → ${to}`);
  for (const to of TOKEN_STATUSES) {
    assert.equal(canTransition('revoked', to), false);
    assert.equal(canTransition('lost', to), false);
  }
  assert.equal(canTransition('in_stock', 'registered'), false, 'a token must be issued to a contract before it is registered');
  assert.equal(canTransition('in_stock', 'locked'), false);
});
