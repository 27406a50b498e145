import {
  type DeviceCredentials,
  deviceCredentials,
  type LogEntry,
  type Mutation,
  pullResponse,
  pushResponse,
} from '@tandem/protocol';

/** The sidecar's API over real HTTP, for the tests that run it as a process. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function createSpaceOver(
  base: string,
  deviceName: string,
): Promise<DeviceCredentials> {
  const { status, body } = await call(base, 'POST', '/v1/spaces', { body: { deviceName } });
  if (status !== 201) throw new Error(`create space: ${status} ${JSON.stringify(body)}`);
  return deviceCredentials.parse(body);
}

/** A push; `results` only when it was stored (200). */
export async function pushOver(base: string, device: DeviceCredentials, mutations: Mutation[]) {
  const { status, body } = await call(base, 'POST', `/v1/spaces/${device.spaceId}/push`, {
    token: device.deviceToken,
    body: { mutations },
  });
  return { status, results: status === 200 ? pushResponse.parse(body).results : undefined };
}

export async function pullAllOver(base: string, device: DeviceCredentials): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let cursor = 0;
  for (;;) {
    const { status, body } = await call(
      base,
      'GET',
      `/v1/spaces/${device.spaceId}/pull?after=${cursor}&limit=1000`,
      { token: device.deviceToken },
    );
    if (status !== 200) throw new Error(`pull: ${status} ${JSON.stringify(body)}`);
    const page = pullResponse.parse(body);
    entries.push(...page.entries);
    cursor = page.cursor;
    if (!page.more) return entries;
  }
}
