// The `bizotp` command: finds the verb, runs it, turns usage errors into a Japanese message and exit 2.

import { apikeysCreate, help as apikeysCreateHelp } from './apikeys-create.ts';
import { apikeysRevoke, help as apikeysRevokeHelp } from './apikeys-revoke.ts';
import { UsageError } from './args.ts';
import { auditSearchCommand, help as auditSearchHelp } from './audit-search.ts';
import { auditVerify, help as auditVerifyHelp } from './audit-verify.ts';
import { auditCheckpoint, help as auditCheckpointHelp } from './audit-checkpoint.ts';
import { contractsCreate, help as contractsCreateHelp } from './contracts-create.ts';
import { contractsList, help as contractsListHelp } from './contracts-list.ts';
import { contractsShow, help as contractsShowHelp } from './contracts-show.ts';
import { contractsResetPin, help as contractsResetPinHelp } from './contracts-reset-pin.ts';
import { EXIT_OK, EXIT_USAGE, say, type CliContext, type Command } from './context.ts';
import { demo, help as demoHelp } from './demo.ts';
import { migrate, help as migrateHelp } from './migrate.ts';
import { paymentsRunDue, help as paymentsRunDueHelp } from './payments-run-due.ts';
import { serve, serveHelp, start, startHelp } from './serve.ts';
import { tokensImport, help as tokensImportHelp } from './tokens-import.ts';
import { tokensIssue, help as tokensIssueHelp } from './tokens-issue.ts';
import { tokensList, help as tokensListHelp } from './tokens-list.ts';
import { tokensResync, help as tokensResyncHelp } from './tokens-resync.ts';
import { tokensRevoke, help as tokensRevokeHelp } from './tokens-revoke.ts';
import { tokensShow, help as tokensShowHelp } from './tokens-show.ts';
import { tokensVerify, help as tokensVerifyHelp } from './tokens-verify.ts';
import { unlock, help as unlockHelp } from './unlock.ts';
import { usersCreate, help as usersCreateHelp } from './users-create.ts';
import { usersList, help as usersListHelp } from './users-list.ts';
import { staffCreate, help as staffCreateHelp } from './staff-create.ts';
import { staffDisable, disableHelp as staffDisableHelp, staffUnlock, unlockHelp as staffUnlockHelp } from './staff-disable.ts';
import { staffList, help as staffListHelp } from './staff-list.ts';
import { keysStatus, help as keysStatusHelp } from './keys-status.ts';
import { keysRewrap, help as keysRewrapHelp } from './keys-rewrap.ts';
import { backup, help as backupHelp } from './backup.ts';
import { policyTransactionAuth, help as policyTransactionAuthHelp } from './policy-transaction-auth.ts';

const COMMANDS: Record<string, { run: Command; help: string }> = {
  serve: { run: serve, help: serveHelp },
  start: { run: start, help: startHelp },
  migrate: { run: migrate, help: migrateHelp },
  demo: { run: demo, help: demoHelp },
  'tokens import': { run: tokensImport, help: tokensImportHelp },
  'tokens list': { run: tokensList, help: tokensListHelp },
  'tokens verify': { run: tokensVerify, help: tokensVerifyHelp },
  'tokens issue': { run: tokensIssue, help: tokensIssueHelp },
  'contracts create': { run: contractsCreate, help: contractsCreateHelp },
  'users create': { run: usersCreate, help: usersCreateHelp },
  unlock: { run: unlock, help: unlockHelp },
  'audit verify': { run: auditVerify, help: auditVerifyHelp },
  'audit checkpoint': { run: auditCheckpoint, help: auditCheckpointHelp },
  'apikeys create': { run: apikeysCreate, help: apikeysCreateHelp },
  'apikeys revoke': { run: apikeysRevoke, help: apikeysRevokeHelp },
  'tokens show': { run: tokensShow, help: tokensShowHelp },
  'tokens revoke': { run: tokensRevoke, help: tokensRevokeHelp },
  'tokens resync': { run: tokensResync, help: tokensResyncHelp },
  'contracts list': { run: contractsList, help: contractsListHelp },
  'contracts show': { run: contractsShow, help: contractsShowHelp },
  'users list': { run: usersList, help: usersListHelp },
  'audit search': { run: auditSearchCommand, help: auditSearchHelp },
  'staff create': { run: staffCreate, help: staffCreateHelp },
  'staff list': { run: staffList, help: staffListHelp },
  'staff disable': { run: staffDisable, help: staffDisableHelp },
  'staff unlock': { run: staffUnlock, help: staffUnlockHelp },
  'contracts reset-pin': { run: contractsResetPin, help: contractsResetPinHelp },
  'payments run-due': { run: paymentsRunDue, help: paymentsRunDueHelp },
  'keys status': { run: keysStatus, help: keysStatusHelp },
  'keys rewrap': { run: keysRewrap, help: keysRewrapHelp },
  backup: { run: backup, help: backupHelp },
  'policy transaction-auth': { run: policyTransactionAuth, help: policyTransactionAuthHelp },
};

const GROUPS = new Set(['tokens', 'contracts', 'users', 'audit', 'apikeys', 'staff', 'payments', 'keys', 'policy']);

export const overview = `使い方: bizotp <コマンド> [オプション]   （各コマンドに --help があります）
${Object.keys(COMMANDS)
  .map((name) => `  bizotp ${name}`)
  .join('\n')}
環境変数: BIZOTP_DATABASE_URL（既定 ./data/bizotp.sqlite、postgres://… で PostgreSQL）、BIZOTP_MASTER_KEY_FILE または BIZOTP_MASTER_KEY（64桁の16進数）、BIZOTP_DEV=1（開発モード）、PORT（既定 3000）`;

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    say(ctx.io.stdout, overview);
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const grouped = GROUPS.has(first);
  const name = grouped ? `${first} ${second ?? ''}` : first;
  const command = COMMANDS[name];
  if (command === undefined) {
    if (grouped && (second === undefined || second === '--help' || second === '-h')) {
      say(ctx.io.stdout, overview);
      return second === undefined ? EXIT_USAGE : EXIT_OK;
    }
    say(ctx.io.stderr, `不明なコマンドです: ${name.trim()}\n${overview}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(grouped ? rest : [second, ...rest].filter((a): a is string => a !== undefined), ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      say(ctx.io.stderr, `${err.message}\n${command.help}`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
