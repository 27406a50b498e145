import type { SyncEngine } from '../../../utils/sync/engine/sync-engine';

/**
 * A whole join as two members do it: the joining browser answers the invite and shows a code,
 * the inviting browser shows the same code for that device, the inviting member lets it in,
 * and the joining browser collects the key and pulls. Returns the code both saw. (No vitest
 * here: the torture script runs the integration harness outside it.)
 */
export async function joinAndLetIn(
  inviter: SyncEngine,
  joiner: SyncEngine,
  pairId: string,
  code: string,
  deviceName = 'Joining browser',
  options: { myRole?: 'mentor' | 'mentee'; merge?: boolean } = {},
) {
  const joined = await joiner.joinPair(code, deviceName, options);
  if (joined.pairId !== pairId) throw new Error(`joined ${joined.pairId}, not ${pairId}`);
  const requests = await inviter.joinRequests(pairId);
  const request = requests.find((r) => r.name === deviceName.slice(0, 100));
  if (!request) throw new Error(`no join request from ${deviceName}`);
  if (request.code !== joined.code)
    throw new Error(`codes differ: ${request.code} ≠ ${joined.code}`);
  await inviter.letIn(pairId, request.deviceId, request.code);
  if (!(await joiner.collectKey(pairId))) throw new Error('the key did not arrive');
  const pull = await joiner.afterLetIn(pairId, options.myRole);
  return { code: joined.code, pull };
}
