import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const INSTALL_HINT =
  'PostgreSQL is not installed, so the PostgreSQL tests cannot run. Install it with ' +
  '`apt-get install -y postgresql` (the tests start their own throwaway cluster; no service ' +
  'needs to run), or point DATABASE_URL at a server where the tests may create databases.';

export interface PostgresCluster {
  /** A superuser URL to the cluster's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /**
   * fsync on, as a production server runs (the benchmark, to compare with SQLite's
   * synchronous=FULL). Off by default: a test cluster dies with its temp dir, and durability is
   * the sidecar's job to test.
   */
  durable?: boolean;
}

/**
 * Starts a throwaway PostgreSQL cluster for the tests: initdb in a temp dir, pg_ctl start on a
 * free port, trust auth on 127.0.0.1 only. PostgreSQL refuses to run as root, so as root the
 * binaries run as the `postgres` user (created by the Debian package), who owns the temp dir.
 */
export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(INSTALL_HINT);
  const asRoot = process.getuid?.() === 0;
  const pgRun = (command: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);

  const dir = mkdtempSync(join(tmpdir(), 'tandem-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const stop = async () => {
    await pgRun('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    await pgRun('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await pgRun('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=${options.durable ? 'on' : 'off'} -c max_connections=200`,
      'start',
    ]);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    // Leave no half-made cluster behind (a server pg_ctl started, or the temp dir).
    await stop();
    throw error;
  }
}

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl. */
function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
