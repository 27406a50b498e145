import { isLoopbackHost, LOOPBACK_PROXIES, parseAddressList } from './client-address';
import { defaultLimits, type Limits } from './context';
import { DEFAULT_ALLOWED_ORIGINS } from './cors';

/** The limits the environment can set; the rest keep defaultLimits. */
export type ConfiguredLimits = Pick<
  Limits,
  | 'rateLimit'
  | 'deviceRateLimit'
  | 'createPerHour'
  | 'spaceQuota'
  | 'maxInvitesPerSpace'
  | 'maxDevicesPerSpace'
  | 'maxStreamsPerDevice'
  | 'maxStreamsPerSpace'
  | 'connections'
  | 'timeouts'
>;

export interface SidecarConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  allowedOrigins: string[];
  /** false, or the proxies' addresses/CIDRs (`true` in the environment means loopback only). */
  trustProxy: false | string[];
  /** Needed to create a space when set; unset means anyone who reaches the sidecar may. */
  createToken: string | undefined;
  /** A programme coordinator's token (routes/programmes.ts); unset, programmes are off. */
  operatorToken: string | undefined;
  /** Where pairs reach this sidecar, for enrolment codes; unset, http://host:port. */
  publicOrigin: string | undefined;
  limits: ConfiguredLimits;
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MIN_CREATE_TOKEN = 16;
const MIN_OPERATOR_TOKEN = 32;

/** Reads the sidecar's settings from the environment; throws naming the variable that is wrong. */
export function readConfig(env: NodeJS.ProcessEnv): SidecarConfig {
  // Empty variables count as unset, as in `SIDECAR_PORT= npm run sidecar`.
  const read = (name: string) => (env[name] === '' ? undefined : env[name]);
  const number = (name: string, fallback: number, rule: NumberRule = { integer: true, min: 1 }) =>
    readNumber(name, read(name), fallback, rule);
  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  }
  const logLevel = read('SIDECAR_LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`SIDECAR_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  const origins = read('SIDECAR_ALLOWED_ORIGINS');
  const host = read('SIDECAR_HOST') ?? '127.0.0.1';
  const trustProxy = readTrustProxy(read('SIDECAR_TRUST_PROXY'));

  const createToken = read('SIDECAR_CREATE_TOKEN');
  if (createToken !== undefined && createToken.length < MIN_CREATE_TOKEN) {
    throw new Error(`SIDECAR_CREATE_TOKEN must be at least ${MIN_CREATE_TOKEN} characters.`);
  }
  const openCreation = readBoolean('SIDECAR_OPEN_CREATION', read('SIDECAR_OPEN_CREATION'));
  // Behind a proxy the sidecar binds to loopback yet serves the world: that is exposed too.
  const exposed = !isLoopbackHost(host) || trustProxy !== false;
  if (exposed && createToken === undefined && !openCreation) {
    throw new Error(
      'SIDECAR_CREATE_TOKEN is required when the sidecar is reachable from other machines ' +
        '(SIDECAR_HOST is not a loopback address, or SIDECAR_TRUST_PROXY is set); ' +
        'or set SIDECAR_OPEN_CREATION=true to let anyone who reaches it create spaces.',
    );
  }

  const operatorToken = read('SIDECAR_OPERATOR_TOKEN');
  if (operatorToken !== undefined && operatorToken.length < MIN_OPERATOR_TOKEN) {
    throw new Error(
      `SIDECAR_OPERATOR_TOKEN must be at least ${MIN_OPERATOR_TOKEN} characters (it opens every programme's figures).`,
    );
  }
  const publicOrigin = read('SIDECAR_PUBLIC_ORIGIN');
  if (publicOrigin !== undefined) {
    let origin: string | undefined;
    try {
      origin = new URL(publicOrigin).origin;
    } catch {}
    if (origin !== publicOrigin.replace(/\/$/, '')) {
      throw new Error('SIDECAR_PUBLIC_ORIGIN must be an origin such as https://sync.example.org.');
    }
  }

  const defaults = defaultLimits;
  const timeouts = {
    requestMs: number('SIDECAR_REQUEST_TIMEOUT_MS', defaults.timeouts.requestMs),
    headersMs: number('SIDECAR_HEADERS_TIMEOUT_MS', defaults.timeouts.headersMs),
    keepAliveMs: number('SIDECAR_KEEP_ALIVE_TIMEOUT_MS', defaults.timeouts.keepAliveMs),
  };
  // Node refuses a headers timeout longer than the request timeout.
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new Error('SIDECAR_HEADERS_TIMEOUT_MS must not exceed SIDECAR_REQUEST_TIMEOUT_MS.');
  }
  const rate = { min: 0.001 };
  return {
    host,
    port: readNumber('SIDECAR_PORT', read('SIDECAR_PORT'), 8787, { integer: true, max: 65_535 }),
    dataDir: read('SIDECAR_DATA_DIR') ?? './.sidecar-data',
    databaseUrl,
    allowedOrigins: origins
      ? origins
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : DEFAULT_ALLOWED_ORIGINS,
    trustProxy,
    createToken,
    operatorToken,
    publicOrigin: publicOrigin?.replace(/\/$/, ''),
    limits: {
      rateLimit: {
        burst: number('SIDECAR_RATE_BURST', defaults.rateLimit.burst, { min: 1 }),
        perSecond: number('SIDECAR_RATE_PER_SECOND', defaults.rateLimit.perSecond, rate),
      },
      deviceRateLimit: {
        burst: number('SIDECAR_DEVICE_RATE_BURST', defaults.deviceRateLimit.burst, { min: 1 }),
        perSecond: number(
          'SIDECAR_DEVICE_RATE_PER_SECOND',
          defaults.deviceRateLimit.perSecond,
          rate,
        ),
      },
      createPerHour: number('SIDECAR_CREATE_PER_HOUR', defaults.createPerHour),
      spaceQuota: {
        maxBytes: number('SIDECAR_SPACE_MAX_BYTES', defaults.spaceQuota.maxBytes),
        maxRecords: number('SIDECAR_SPACE_MAX_RECORDS', defaults.spaceQuota.maxRecords),
      },
      maxInvitesPerSpace: number('SIDECAR_MAX_INVITES_PER_SPACE', defaults.maxInvitesPerSpace),
      maxDevicesPerSpace: number('SIDECAR_MAX_DEVICES_PER_SPACE', defaults.maxDevicesPerSpace),
      maxStreamsPerDevice: number('SIDECAR_MAX_STREAMS_PER_DEVICE', defaults.maxStreamsPerDevice),
      maxStreamsPerSpace: number('SIDECAR_MAX_STREAMS_PER_SPACE', defaults.maxStreamsPerSpace),
      connections: {
        total: number('SIDECAR_MAX_CONNECTIONS', defaults.connections.total),
        perAddress: number('SIDECAR_MAX_CONNECTIONS_PER_ADDRESS', defaults.connections.perAddress),
      },
      timeouts,
    },
    logLevel,
  };
}

/**
 * `true` used to trust every proxy, which let any client write its own X-Forwarded-For and so
 * pick its own rate-limit bucket. Now it means "a proxy on this machine"; anything else must be
 * listed by address or CIDR.
 */
function readTrustProxy(value: string | undefined): false | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return LOOPBACK_PROXIES;
  try {
    return parseAddressList(value);
  } catch (error) {
    throw new Error(
      `SIDECAR_TRUST_PROXY must be true (loopback) or proxies' addresses/CIDRs: ${(error as Error).message}`,
    );
  }
}

function readBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new Error(`${name} must be true or false.`);
}

interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
}

function readNumber(
  name: string,
  value: string | undefined,
  fallback: number,
  rule: NumberRule,
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
