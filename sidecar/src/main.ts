import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app';
import { helpText, parseCommandLine, unknownOptionMessage } from './command-line';
import { runCommand } from './commands';
import { readConfig, type SidecarConfig } from './config';
import { trackConnections } from './drain';
import { openPostgresStore } from './store/postgres';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';

/** Past this, connections still open at shutdown are cut; past twice this, the process exits. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const commandLine = parseCommandLine(process.argv.slice(2));
  if (commandLine.kind === 'help') {
    console.info(helpText());
    return;
  }
  if (commandLine.kind === 'unknown-option') {
    console.error(unknownOptionMessage(commandLine.option));
    // 2, as shells and most command-line tools say "you called me wrong" (1 is "it failed").
    process.exitCode = 2;
    return;
  }
  const config = readConfig(process.env);
  const store = await openStore(config);
  // Where pairs reach this sidecar, for enrolment codes (the server's and the command's).
  const publicOrigin =
    config.publicOrigin ??
    `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  if (commandLine.kind === 'command') {
    // An operator command (commands.ts), then exit; no server.
    try {
      console.info(
        await runCommand(store, commandLine.args, {
          publicOrigin,
        }),
      );
    } finally {
      await store.close();
    }
    return;
  }
  const app = buildApp({
    store,
    logger: { level: config.logLevel },
    limits: config.limits,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    createToken: config.createToken,
    operatorToken: config.operatorToken,
    publicOrigin,
  });
  if (config.allowedOrigins.length === 0) {
    app.log.warn(
      'SIDECAR_ALLOWED_ORIGINS is not set: no browser extension may use this sidecar; list ' +
        "Tandem's origins, e.g. chrome-extension://<id> (docs/sidecar.md)",
    );
  }

  const connections = trackConnections(app.server);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    setTimeout(() => {
      app.log.error('shutdown is stuck; exiting');
      process.exit(1);
    }, 2 * SHUTDOWN_GRACE_MS).unref();
    try {
      // Stops accepting, ends event streams, waits for requests in flight (their writes commit).
      const closed = app.close();
      connections.drain();
      await closed;
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    } finally {
      await store.close();
    }
    app.log.info('stopped');
  };
  // Repeats are ignored: a Ctrl-C under `npm run` arrives twice (from the terminal and relayed by
  // npm), and the timers above bound how long a stop can take anyway.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info({ address, store: store.kind }, 'sidecar listening');
}

async function openStore(config: SidecarConfig): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl);
  prepareDataDir(config.dataDir);
  return openSqliteStore(config.dataDir);
}

/** The default data dir sits inside the repository: keep git from ever picking it up. */
function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const ignore = join(dataDir, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
}

main().catch((error: unknown) => {
  console.error(`sidecar: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
