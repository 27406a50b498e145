import { describe, expect, test } from 'vitest';
import { readConfig } from '../src/config';

describe('settings from the environment', () => {
  test('runs on SQLite on 127.0.0.1:8787 when nothing is set', () => {
    expect(readConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      dataDir: './.sidecar-data',
      databaseUrl: undefined,
      allowedOrigins: ['chrome-extension://*', 'moz-extension://*'],
      trustProxy: false,
      rateLimit: { burst: 300, perSecond: 5 },
      logLevel: 'info',
    });
  });

  test('takes every variable, and treats empty ones as unset', () => {
    const config = readConfig({
      SIDECAR_HOST: '0.0.0.0',
      SIDECAR_PORT: '9000',
      SIDECAR_DATA_DIR: '/var/lib/tandem',
      DATABASE_URL: 'postgres://tandem@db/tandem',
      SIDECAR_ALLOWED_ORIGINS: 'chrome-extension://abcdefghijklmnop, moz-extension://*',
      SIDECAR_TRUST_PROXY: '10.0.0.0/8',
      SIDECAR_RATE_BURST: '50',
      SIDECAR_RATE_PER_SECOND: '0.5',
      SIDECAR_LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/var/lib/tandem',
      databaseUrl: 'postgres://tandem@db/tandem',
      allowedOrigins: ['chrome-extension://abcdefghijklmnop', 'moz-extension://*'],
      trustProxy: '10.0.0.0/8',
      rateLimit: { burst: 50, perSecond: 0.5 },
      logLevel: 'info',
    });
    expect(readConfig({ SIDECAR_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  test('refuses a malformed setting by name instead of starting half-configured', () => {
    expect(() => readConfig({ SIDECAR_PORT: '80a' })).toThrow(/SIDECAR_PORT/);
    expect(() => readConfig({ SIDECAR_PORT: '70000' })).toThrow(/SIDECAR_PORT/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ SIDECAR_RATE_BURST: '0' })).toThrow(/SIDECAR_RATE_BURST/);
    expect(() => readConfig({ SIDECAR_LOG_LEVEL: 'loud' })).toThrow(/SIDECAR_LOG_LEVEL/);
  });
});
