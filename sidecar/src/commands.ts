import { serverId } from '@tandem/protocol';
import type { Store } from './store/types';

/**
 * What an operator runs against the sidecar's store, with the server running or not:
 *
 *   tandem-sidecar delete-space <spaceId>   everything of one space, gone
 *   tandem-sidecar compact [<spaceId>]      drop log entries newer ones superseded
 *
 * (`npm run sidecar -- <command>` at the top of the repository runs the same.)
 *
 * Returns the line to print; throws with a message for a wrong command.
 */
export async function runCommand(store: Store, args: string[]): Promise<string> {
  const [command, spaceId, ...extra] = args;
  if (extra.length > 0) throw new Error(USAGE);
  const checkedId = (id: string | undefined) => {
    if (!serverId.safeParse(id).success) throw new Error(`"${id ?? ''}" is not a space id.`);
    return id as string;
  };
  switch (command) {
    case 'delete-space': {
      const id = checkedId(spaceId);
      const deleted = await store.deleteSpace(id);
      return deleted ? `deleted space ${id}` : `no space ${id}; nothing deleted`;
    }
    case 'compact': {
      const result = await store.compactLog(spaceId === undefined ? undefined : checkedId(spaceId));
      return `compacted ${result.spaces} space(s): removed ${result.removedEntries} superseded entries, ${result.removedBytes} bytes of ciphertext`;
    }
    default:
      throw new Error(USAGE);
  }
}

export const USAGE =
  'usage: tandem-sidecar [delete-space <spaceId> | compact [<spaceId>]] (no command: serve; --help: settings)';
