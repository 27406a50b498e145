import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The sidecar package's folder and its bin, as an operator starts it (`tandem-sidecar`). */
export const sidecarPackage = join(import.meta.dirname, '..', '..');
export const sidecarBin = join(sidecarPackage, 'bin', 'tandem-sidecar.js');

export interface SidecarProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (pino's JSON lines and any stderr). */
  output(): string;
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the sidecar as `npm run sidecar` does (its bin, bin/tandem-sidecar.js) on a random
 * port, and waits for its "sidecar listening" log line. DATABASE_URL is cleared unless given, so
 * a developer's own setting never leaks into a SQLite test.
 */
export async function startSidecarProcess(env: Record<string, string>): Promise<SidecarProcess> {
  const child = spawn(process.execPath, [sidecarBin], {
    cwd: sidecarPackage,
    env: {
      ...process.env,
      DATABASE_URL: '',
      SIDECAR_HOST: '127.0.0.1',
      SIDECAR_PORT: '0',
      SIDECAR_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sidecar did not start:\n${output}`)), 30_000);
    const look = () => {
      for (const line of output.split('\n')) {
        const address = listeningAddress(line);
        if (address) {
          clearTimeout(timer);
          child.stdout?.off('data', look);
          resolve(address);
          return;
        }
      }
    };
    child.stdout?.on('data', look);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`sidecar exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

function listeningAddress(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: string; address?: string };
    return entry.msg === 'sidecar listening' ? entry.address : undefined;
  } catch {
    return undefined;
  }
}
