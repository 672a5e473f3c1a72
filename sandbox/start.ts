/**
 * `npm start`: the local Forge host with demo data. The database lives in .sandbox/ and is kept between runs;
 * `npm start -- --reset` starts again from the demo. The Custom UI pages are built first when a build is missing
 * or older than its sources (the build's output goes to stderr).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ForgeHost, SANDBOX_SCHEMA } from './runtime/host';
import { buildHttpApi } from './server/http-api';
import { resetSandbox } from './seed/load-seed';
import { ensureBuilt } from './web/build-freshness';

async function main(): Promise<void> {
  const appDir = path.resolve(__dirname, '..');
  const port = Number(process.env.PORT ?? 4000);
  const hostname = process.env.HOST ?? '127.0.0.1';
  const url = `http://${hostname}:${port}`;
  ensureBuilt(appDir);
  const database = path.join(appDir, '.sandbox', 'sandbox.db');
  const fresh = ForgeHost.schemaOf(database) !== SANDBOX_SCHEMA;
  if (fresh) {
    // A database from an older sandbox: its tables may lack columns this one needs. Start again from the demo.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(database + suffix, { force: true });
    console.log('The .sandbox database was written by an older sandbox: starting again from the demo.');
  }
  const host = new ForgeHost({ appDir, database, baseUrl: url, tick: true });
  if (fresh || process.argv.includes('--reset') || host.jiraStore.users().length === 0) {
    await resetSandbox(host, 'demo');
  } else if (await host.upgradeIfVersionChanged()) {
    console.log(`App upgraded to ${host.appVersion}: avi:forge:upgraded:app delivered.`);
  }
  const server = buildHttpApi(host);
  await server.listen({ port, host: hostname });
  console.log(`Sandbox ready at ${url}`);
  console.log('Demo accounts (send X-Sandbox-Account: <accountId>, or HTTP Basic with the email):');
  for (const u of host.jiraStore.users()) {
    console.log(`  ${u.kind.padEnd(8)} ${(u.deliveryRole ?? '').padEnd(10)} ${u.locale}  ${u.emailAddress.padEnd(36)} ${u.accountId}  ${u.displayName}`);
  }
  const stop = async (): Promise<void> => {
    await server.close();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
