// Signed checkpoints of the audit log: for every chain, the seq and hash of its last entry, with the time,
// signed with Ed25519 by a key derived from the master key (audit-keys.ts). Kept off the machine (a SIEM, WORM
// storage, paper), a checkpoint lets `audit verify --checkpoints` name what the chain alone cannot show: a
// whole chain deleted with its head, or entries cut from the end. The format (src/domain/AUDIT.md) is a text
// body in the spirit of C2SP tlog-checkpoint, so an auditor can check a signature offline with openssl.

import type { AuditProblem, CheckpointMark } from './audit-chain-check.ts';
import type { AuditKeys } from './audit-keys.ts';
import type { Store } from './store-ports.ts';
import { verifyAuditLog } from './verify-audit-log.ts';

export const CHECKPOINT_FORMAT = 'bizotp-audit-checkpoint-v1';
const HEADER = 'bizotp audit checkpoint v1';

export interface ChainPosition {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
}

/** The signed text: header, time, key id, then one line per chain (`chain seq hash`, the chain URI-encoded). */
export function checkpointText(time: string, keyId: string, chains: readonly ChainPosition[]): string {
  const lines = [HEADER, `time ${time}`, `key ${keyId}`, ...chains.map((c) => `${encodeURIComponent(c.chain)} ${c.seq} ${c.hash}`)];
  return `${lines.map((l) => `${l}\n`).join('')}`;
}

/** One line of a checkpoint file (JSON): the signed text, its signature and the public key to check it with. */
export function signCheckpoint(keys: AuditKeys, nowMs: number, chains: readonly ChainPosition[]): string {
  const text = checkpointText(new Date(nowMs).toISOString(), keys.currentKeyId, chains);
  const signature = keys.sign(Buffer.from(text, 'utf8')).toString('base64');
  return JSON.stringify({ format: CHECKPOINT_FORMAT, checkpoint: text, signature, publicKey: keys.publicKeyPem(keys.currentKeyId) });
}

export type CheckpointReading =
  | { readonly ok: true; readonly time: string; readonly keyId: string; readonly marks: readonly CheckpointMark[] }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown_key' | 'bad_signature' };

function parseText(text: string): { time: string; keyId: string; marks: CheckpointMark[] } | undefined {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines[0] !== HEADER) return undefined;
  const time = /^time (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)$/.exec(lines[1] ?? '')?.[1];
  const keyId = /^key ([0-9a-f]{16})$/.exec(lines[2] ?? '')?.[1];
  if (time === undefined || keyId === undefined) return undefined;
  const marks: CheckpointMark[] = [];
  for (const line of lines.slice(3)) {
    const m = /^(\S+) ([1-9]\d{0,15}) ([0-9a-f]{64})$/.exec(line);
    if (m === null) return undefined;
    marks.push({ chain: decodeURIComponent(m[1] ?? ''), seq: Number(m[2]), hash: m[3] ?? '', time });
  }
  return { time, keyId, marks };
}

/**
 * Reads one checkpoint line: its signature must verify under the checkpoint key of a configured master key
 * (the public key written in the line is for offline auditors, never trusted here).
 */
export function readCheckpoint(keys: AuditKeys, line: string): CheckpointReading {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof doc !== 'object' || doc === null) return { ok: false, reason: 'malformed' };
  const { format, checkpoint, signature } = doc as Record<string, unknown>;
  if (format !== CHECKPOINT_FORMAT || typeof checkpoint !== 'string' || typeof signature !== 'string') return { ok: false, reason: 'malformed' };
  let parsed: ReturnType<typeof parseText>;
  try {
    parsed = parseText(checkpoint);
  } catch {
    return { ok: false, reason: 'malformed' }; // decodeURIComponent of a broken escape
  }
  if (parsed === undefined) return { ok: false, reason: 'malformed' };
  if (keys.publicKeyPem(parsed.keyId) === undefined) return { ok: false, reason: 'unknown_key' };
  if (!keys.verify(parsed.keyId, Buffer.from(checkpoint, 'utf8'), Buffer.from(signature, 'base64'))) return { ok: false, reason: 'bad_signature' };
  return { ok: true, ...parsed };
}

export type CheckpointResult =
  | { readonly ok: true; readonly line: string; readonly chains: readonly ChainPosition[] }
  | { readonly ok: false; readonly problems: readonly AuditProblem[] };

/**
 * Verifies the log, then signs where each chain ends. A log that does not verify is not signed: a
 * checkpoint vouches for everything before it, and must never make a tampered chain look sound.
 */
export async function createAuditCheckpoint(store: Store, keys: AuditKeys, nowMs: number): Promise<CheckpointResult> {
  const report = await verifyAuditLog(store, keys);
  if (report.problems.length > 0) return { ok: false, problems: report.problems };
  const chains = report.chains.filter((c) => c.entries > 0).map((c) => ({ chain: c.chain, seq: c.lastSeq, hash: c.lastHash }));
  return { ok: true, line: signCheckpoint(keys, nowMs, chains), chains };
}
