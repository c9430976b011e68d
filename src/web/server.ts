// The server entry: builds the app and listens; closes the store on SIGINT/SIGTERM.

import type { Config } from '../config.ts';
import type { DomainDeps } from '../domain/deps.ts';
import type { Metrics } from '../observability/metrics.ts';
import { createApp } from './app.ts';

/** `metrics` is the instance's registry, already observing the store (main.ts); the access log goes to stdout. */
export async function startServer(deps: DomainDeps, config: Config, metrics?: Metrics): Promise<void> {
  const app = createApp(deps, {
    secureCookies: config.secureCookies,
    logger: true,
    trustedProxies: config.trustedProxies,
    publicOrigin: config.publicOrigin ?? null,
    ...(metrics === undefined ? {} : { metrics }),
    ...(config.metricsAllow === undefined ? {} : { metricsAllow: config.metricsAllow }),
    ...(config.bankName === undefined ? {} : { bankName: config.bankName }),
  });
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`bizotp: http://localhost:${config.port}/ で待ち受けています（${deps.store.dialect}）。\n`);
  const stop = async (): Promise<void> => {
    await app.close();
    await deps.store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
