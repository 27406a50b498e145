import { serverId } from '@tandem/protocol';
import { defaultLimits } from './context';

/** What the arguments ask for: help, an operator command (commands.ts), or serving. */
export type CommandLine =
  | { kind: 'help' }
  | { kind: 'serve' }
  | { kind: 'command'; args: string[] }
  | { kind: 'unknown-option'; option: string };

/**
 * Read before the environment or the store, so `--help` works on a machine with no settings and
 * a mistyped flag never opens (or creates) a database. Words that are not flags go to
 * runCommand, which knows the commands and their arguments.
 */
export function parseCommandLine(args: string[]): CommandLine {
  if (args.some((arg) => arg === '--help' || arg === '-h')) return { kind: 'help' };
  // A space id is base64url and may begin with "-": it is the command's word, not a flag.
  const option = args.find((arg) => arg.startsWith('-') && !serverId.safeParse(arg).success);
  if (option !== undefined) return { kind: 'unknown-option', option };
  return args.length === 0 ? { kind: 'serve' } : { kind: 'command', args };
}

export function unknownOptionMessage(option: string): string {
  return `tandem-sidecar: unknown option ${option}; \`tandem-sidecar --help\` lists the commands and settings.`;
}

const limits = defaultLimits;
const mebibytes = (bytes: number) => `${bytes / 1024 / 1024} MiB`;
const seconds = (ms: number) => `${ms / 1000} s`;

/** Every setting of config.ts and every command of commands.ts, with its default, in words. */
export function helpText(): string {
  const settings: [string, string, string][] = [
    [
      'SIDECAR_HOST',
      '127.0.0.1',
      'address to bind; 0.0.0.0 serves other machines (needs a creation token)',
    ],
    ['SIDECAR_PORT', '8787', 'port to listen on; 0 picks a free one'],
    ['SIDECAR_DATA_DIR', './.sidecar-data', "SQLite's directory, relative to where it starts"],
    ['DATABASE_URL', 'unset (SQLite)', 'postgres:// or postgresql:// URL: use PostgreSQL instead'],
    [
      'SIDECAR_ALLOWED_ORIGINS',
      'none',
      'browser origins allowed, comma-separated; * is one host label',
    ],
    [
      'SIDECAR_CREATE_TOKEN',
      'unset (open)',
      '16+ characters; creating a space then needs it as a bearer token',
    ],
    ['SIDECAR_OPEN_CREATION', 'false', 'true: start exposed without a creation token'],
    [
      'SIDECAR_OPERATOR_TOKEN',
      'unset (no programmes)',
      '32+ characters; a programme coordinator signs in to /dashboard with it',
    ],
    [
      'SIDECAR_PUBLIC_ORIGIN',
      'http://HOST:PORT',
      'the origin pairs reach this sidecar at, written into enrolment codes',
    ],
    [
      'SIDECAR_TRUST_PROXY',
      'unset (none)',
      "proxies' addresses/CIDRs to believe; true means loopback only",
    ],
    [
      'SIDECAR_CREATE_PER_HOUR',
      `${limits.createPerHour}`,
      'spaces one client address may create per hour',
    ],
    ['SIDECAR_RATE_BURST', `${limits.rateLimit.burst}`, 'requests per client address in a burst'],
    ['SIDECAR_RATE_PER_SECOND', `${limits.rateLimit.perSecond}`, '...and per second after it'],
    [
      'SIDECAR_DEVICE_RATE_BURST',
      `${limits.deviceRateLimit.burst}`,
      'requests per device token in a burst',
    ],
    [
      'SIDECAR_DEVICE_RATE_PER_SECOND',
      `${limits.deviceRateLimit.perSecond}`,
      '...and per second after it',
    ],
    [
      'SIDECAR_SPACE_MAX_BYTES',
      `${limits.spaceQuota.maxBytes} (${mebibytes(limits.spaceQuota.maxBytes)})`,
      "ciphertext one space's log may hold",
    ],
    [
      'SIDECAR_SPACE_MAX_RECORDS',
      `${limits.spaceQuota.maxRecords}`,
      "entries one space's log may hold",
    ],
    [
      'SIDECAR_MAX_INVITES_PER_SPACE',
      `${limits.maxInvitesPerSpace}`,
      'unused, unexpired invites per space',
    ],
    ['SIDECAR_MAX_DEVICES_PER_SPACE', `${limits.maxDevicesPerSpace}`, 'active devices per space'],
    [
      'SIDECAR_MAX_STREAMS_PER_DEVICE',
      `${limits.maxStreamsPerDevice}`,
      'open event streams per device (a new one ends the oldest)',
    ],
    [
      'SIDECAR_MAX_STREAMS_PER_SPACE',
      `${limits.maxStreamsPerSpace}`,
      'open event streams per space',
    ],
    ['SIDECAR_MAX_CONNECTIONS', `${limits.connections.total}`, 'open TCP connections in all'],
    [
      'SIDECAR_MAX_CONNECTIONS_PER_ADDRESS',
      `${limits.connections.perAddress}`,
      'open TCP connections per client address',
    ],
    [
      'SIDECAR_REQUEST_TIMEOUT_MS',
      `${limits.timeouts.requestMs} (${seconds(limits.timeouts.requestMs)})`,
      'a request must arrive whole within this',
    ],
    [
      'SIDECAR_HEADERS_TIMEOUT_MS',
      `${limits.timeouts.headersMs} (${seconds(limits.timeouts.headersMs)})`,
      '...and its headers within this (at most the request timeout)',
    ],
    [
      'SIDECAR_KEEP_ALIVE_TIMEOUT_MS',
      `${limits.timeouts.keepAliveMs} (${seconds(limits.timeouts.keepAliveMs)})`,
      'idle kept-alive connections close after this',
    ],
    ['SIDECAR_LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ];
  const rows = settings.flatMap(([name, fallback, meaning]) => [
    `  ${name} (default: ${fallback})`,
    `      ${meaning}`,
  ]);
  return [
    "Tandem's sync sidecar: an end-to-end encrypted log per pair space, over HTTP.",
    '',
    'Usage:',
    '  tandem-sidecar                          serve (SIGTERM or SIGINT stop it gracefully)',
    '  tandem-sidecar delete-space <spaceId>   delete everything of one space',
    '  tandem-sidecar compact [<spaceId>]      drop log entries that newer ones superseded',
    '  tandem-sidecar --help, -h               print this and exit',
    '',
    'Settings (environment variables; empty counts as unset):',
    ...rows,
    '',
    'More in docs/sidecar.md.',
  ].join('\n');
}
