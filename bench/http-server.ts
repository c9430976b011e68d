// A server process for the HTTP benchmark: `app` serves bizotp's real API on the given database; `bare` serves
// a Fastify endpoint with the same JSON schema that does no work, the framework's own ceiling.
//   node bench/http-server.ts app|bare PORT [DATABASE_URL]   (BIZOTP_MASTER_KEY from the environment)

import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import { openDeps } from '../src/compose.ts';
import { createApp } from '../src/web/app.ts';
import { VERIFY_REQUEST_SCHEMA } from '../src/web/api/verify-schemas.ts';

const [mode, portText, databaseUrl] = process.argv.slice(2);
const port = Number(portText);

if (mode === 'bare') {
  const app = Fastify({ logger: false });
  app.post('/api/v1/otp/verify', { schema: { body: VERIFY_REQUEST_SCHEMA } }, async () => ({ result: 'accepted', serial: '10000000000011' }));
  await app.listen({ port, host: '127.0.0.1' });
} else {
  const config = loadConfig({ ...process.env, BIZOTP_DEV: '1', BIZOTP_DATABASE_URL: databaseUrl ?? '' }, () => {});
  const deps = await openDeps(config, () => Date.now());
  const app = createApp(deps, { secureCookies: false, logger: false });
  await app.listen({ port, host: '127.0.0.1' });
}
process.stdout.write('ready\n');
// Exit on SIGTERM through process.exit, so that --cpu-prof (NODE_OPTIONS) can write its profile.
process.once('SIGTERM', () => process.exit(0));
