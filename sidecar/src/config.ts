import { DEFAULT_ALLOWED_ORIGINS } from './cors';
import type { RateLimit } from './rate-limit';

export interface SidecarConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  allowedOrigins: string[];
  /** false, true (trust every proxy), or the proxies' addresses/CIDRs, comma-separated. */
  trustProxy: boolean | string;
  rateLimit: RateLimit;
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the sidecar's settings from the environment; throws naming the variable that is wrong. */
export function readConfig(env: NodeJS.ProcessEnv): SidecarConfig {
  // Empty variables count as unset, as in `SIDECAR_PORT= npm run sidecar`.
  const read = (name: string) => (env[name] === '' ? undefined : env[name]);
  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  }
  const logLevel = read('SIDECAR_LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`SIDECAR_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  const origins = read('SIDECAR_ALLOWED_ORIGINS');
  const trustProxy = read('SIDECAR_TRUST_PROXY');
  return {
    host: read('SIDECAR_HOST') ?? '127.0.0.1',
    port: readNumber('SIDECAR_PORT', read('SIDECAR_PORT'), 8787, { integer: true, max: 65_535 }),
    dataDir: read('SIDECAR_DATA_DIR') ?? './.sidecar-data',
    databaseUrl,
    allowedOrigins: origins
      ? origins
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : DEFAULT_ALLOWED_ORIGINS,
    trustProxy:
      trustProxy === undefined || trustProxy === 'false'
        ? false
        : trustProxy === 'true' || trustProxy,
    rateLimit: {
      burst: readNumber('SIDECAR_RATE_BURST', read('SIDECAR_RATE_BURST'), 300, { min: 1 }),
      perSecond: readNumber('SIDECAR_RATE_PER_SECOND', read('SIDECAR_RATE_PER_SECOND'), 5, {
        min: 0.001,
      }),
    },
    logLevel,
  };
}

function readNumber(
  name: string,
  value: string | undefined,
  fallback: number,
  rule: { integer?: boolean; min?: number; max?: number },
): number {
  if (value === undefined) return fallback;
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  const fits =
    Number.isFinite(number) &&
    (!rule.integer || Number.isInteger(number)) &&
    number >= (rule.min ?? 0) &&
    number <= (rule.max ?? Number.MAX_SAFE_INTEGER);
  if (!fits) throw new Error(`${name} must be a number${rule.integer ? ' (whole)' : ''}.`);
  return number;
}
