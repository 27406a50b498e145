import { describe, expect, test } from 'vitest';
import { readConfig } from '../src/config';
import { defaultLimits } from '../src/context';

describe('settings from the environment', () => {
  test('runs on SQLite on 127.0.0.1:8787 when nothing is set, with every limit at its default', () => {
    expect(readConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      dataDir: './.sidecar-data',
      databaseUrl: undefined,
      allowedOrigins: [],
      trustProxy: false,
      createToken: undefined,
      operatorToken: undefined,
      publicOrigin: undefined,
      limits: {
        rateLimit: { burst: 300, perSecond: 5 },
        deviceRateLimit: { burst: 300, perSecond: 5 },
        createPerHour: 20,
        spaceQuota: { maxBytes: 104_857_600, maxRecords: 200_000 },
        maxInvitesPerSpace: 20,
        maxDevicesPerSpace: 20,
        maxStreamsPerDevice: 4,
        maxStreamsPerSpace: 20,
        connections: { total: 1000, perAddress: 32 },
        timeouts: { requestMs: 30_000, headersMs: 10_000, keepAliveMs: 10_000 },
      },
      logLevel: 'info',
    });
    expect(readConfig({}).limits.spaceQuota).toEqual(defaultLimits.spaceQuota);
  });

  test('takes every variable, and treats empty ones as unset', () => {
    const config = readConfig({
      SIDECAR_HOST: '0.0.0.0',
      SIDECAR_PORT: '9000',
      SIDECAR_DATA_DIR: '/var/lib/tandem',
      DATABASE_URL: 'postgres://tandem@db/tandem',
      SIDECAR_ALLOWED_ORIGINS: 'chrome-extension://abcdefghijklmnop, moz-extension://*',
      SIDECAR_TRUST_PROXY: '10.0.0.0/8, fd00::1',
      SIDECAR_CREATE_TOKEN: 'a-long-enough-creation-token',
      SIDECAR_RATE_BURST: '50',
      SIDECAR_RATE_PER_SECOND: '0.5',
      SIDECAR_DEVICE_RATE_BURST: '40',
      SIDECAR_DEVICE_RATE_PER_SECOND: '2',
      SIDECAR_CREATE_PER_HOUR: '3',
      SIDECAR_SPACE_MAX_BYTES: '1000000',
      SIDECAR_SPACE_MAX_RECORDS: '5000',
      SIDECAR_MAX_INVITES_PER_SPACE: '5',
      SIDECAR_MAX_DEVICES_PER_SPACE: '6',
      SIDECAR_MAX_STREAMS_PER_DEVICE: '2',
      SIDECAR_MAX_STREAMS_PER_SPACE: '8',
      SIDECAR_MAX_CONNECTIONS: '500',
      SIDECAR_MAX_CONNECTIONS_PER_ADDRESS: '10',
      SIDECAR_REQUEST_TIMEOUT_MS: '20000',
      SIDECAR_HEADERS_TIMEOUT_MS: '5000',
      SIDECAR_KEEP_ALIVE_TIMEOUT_MS: '65000',
      SIDECAR_LOG_LEVEL: '',
    });
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/var/lib/tandem',
      databaseUrl: 'postgres://tandem@db/tandem',
      allowedOrigins: ['chrome-extension://abcdefghijklmnop', 'moz-extension://*'],
      trustProxy: ['10.0.0.0/8', 'fd00::1'],
      createToken: 'a-long-enough-creation-token',
      limits: {
        rateLimit: { burst: 50, perSecond: 0.5 },
        deviceRateLimit: { burst: 40, perSecond: 2 },
        createPerHour: 3,
        spaceQuota: { maxBytes: 1_000_000, maxRecords: 5000 },
        maxInvitesPerSpace: 5,
        maxDevicesPerSpace: 6,
        maxStreamsPerDevice: 2,
        maxStreamsPerSpace: 8,
        connections: { total: 500, perAddress: 10 },
        timeouts: { requestMs: 20_000, headersMs: 5000, keepAliveMs: 65_000 },
      },
      logLevel: 'info',
    });
  });

  test('trusts no proxy by default, and SIDECAR_TRUST_PROXY=true only one on this machine', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    const loopbackOnly = { SIDECAR_TRUST_PROXY: 'true', SIDECAR_CREATE_TOKEN: 'x'.repeat(16) };
    expect(readConfig(loopbackOnly).trustProxy).toEqual(['127.0.0.0/8', '::1/128']);
    expect(() => readConfig({ ...loopbackOnly, SIDECAR_TRUST_PROXY: 'everyone' })).toThrow(
      /SIDECAR_TRUST_PROXY/,
    );
    expect(() => readConfig({ ...loopbackOnly, SIDECAR_TRUST_PROXY: '10.0.0.0/40' })).toThrow(
      /SIDECAR_TRUST_PROXY/,
    );
  });

  test('refuses to start exposed without a creation token, unless creation is opened on purpose', () => {
    expect(readConfig({ SIDECAR_HOST: '127.0.0.2' }).createToken).toBeUndefined();
    expect(readConfig({ SIDECAR_HOST: '::1' }).createToken).toBeUndefined();
    for (const exposed of [
      { SIDECAR_HOST: '0.0.0.0' },
      { SIDECAR_HOST: '192.168.1.20' },
      { SIDECAR_HOST: '::' },
      // Bound to loopback behind a proxy on this machine: reachable from everywhere all the same.
      { SIDECAR_TRUST_PROXY: 'true' },
    ]) {
      expect(() => readConfig(exposed)).toThrow(/SIDECAR_CREATE_TOKEN/);
      expect(readConfig({ ...exposed, SIDECAR_OPEN_CREATION: 'true' }).createToken).toBeUndefined();
    }
    expect(() => readConfig({ SIDECAR_HOST: '0.0.0.0', SIDECAR_CREATE_TOKEN: 'short' })).toThrow(
      /at least 16/,
    );
  });

  test('refuses a malformed setting by name instead of starting half-configured', () => {
    expect(() => readConfig({ SIDECAR_PORT: '80a' })).toThrow(/SIDECAR_PORT/);
    expect(() => readConfig({ SIDECAR_PORT: '70000' })).toThrow(/SIDECAR_PORT/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ SIDECAR_RATE_BURST: '0' })).toThrow(/SIDECAR_RATE_BURST/);
    expect(() => readConfig({ SIDECAR_LOG_LEVEL: 'loud' })).toThrow(/SIDECAR_LOG_LEVEL/);
    expect(() => readConfig({ SIDECAR_SPACE_MAX_BYTES: '0' })).toThrow(/SIDECAR_SPACE_MAX_BYTES/);
    expect(() => readConfig({ SIDECAR_MAX_CONNECTIONS: '1.5' })).toThrow(/SIDECAR_MAX_CONNECTIONS/);
    expect(() => readConfig({ SIDECAR_OPEN_CREATION: 'yes' })).toThrow(/SIDECAR_OPEN_CREATION/);
    expect(() =>
      readConfig({ SIDECAR_HEADERS_TIMEOUT_MS: '40000', SIDECAR_REQUEST_TIMEOUT_MS: '30000' }),
    ).toThrow(/SIDECAR_HEADERS_TIMEOUT_MS/);
  });

  test('the operator token opens programmes only when long enough; the public origin is an origin', () => {
    expect(() => readConfig({ SIDECAR_OPERATOR_TOKEN: 'short' })).toThrow(
      /SIDECAR_OPERATOR_TOKEN must be at least 32/,
    );
    const token = 'o'.repeat(32);
    expect(readConfig({ SIDECAR_OPERATOR_TOKEN: token }).operatorToken).toBe(token);
    expect(readConfig({ SIDECAR_PUBLIC_ORIGIN: 'https://sync.example.org/' }).publicOrigin).toBe(
      'https://sync.example.org',
    );
    for (const bad of ['sync.example.org', 'https://sync.example.org/path'])
      expect(() => readConfig({ SIDECAR_PUBLIC_ORIGIN: bad })).toThrow(/SIDECAR_PUBLIC_ORIGIN/);
  });
});
