import { readFileSync } from 'node:fs';
import { serverId } from '@tandem/protocol';
import { programmeInput } from '@tandem/protocol/programme';
import * as z from 'zod/mini';
import { createProgramme } from './routes/programmes';
import type { Store } from './store/types';
import { FORBIDDEN_TEXT_MESSAGE, findForbiddenText } from './text';

/**
 * What an operator runs against the sidecar's store, with the server running or not:
 *
 *   tandem-sidecar delete-space <spaceId>   everything of one space, gone
 *   tandem-sidecar compact [<spaceId>]      drop log entries newer ones superseded
 *   tandem-sidecar create-programme <file>  a programme from a JSON definition; prints its
 *                                           enrolment code (docs/sidecar.md, "Programmes")
 *
 * (`npm run sidecar -- <command>` at the top of the repository runs the same.)
 *
 * Returns the line to print; throws with a message for a wrong command.
 */
export async function runCommand(
  store: Store,
  args: string[],
  options: { publicOrigin?: string } = {},
): Promise<string> {
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
    case 'create-programme': {
      const file = spaceId;
      if (!file) throw new Error(USAGE);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${file} is not a readable JSON file: ${(error as Error).message}`);
      }
      const parsed = z.safeParse(programmeInput, json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `${file}: ${[...(issue?.path ?? [])].join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`,
        );
      }
      const badText = findForbiddenText(parsed.data, [], ['agreementTemplate']);
      if (badText) throw new Error(`${file}: ${badText.join('.')}: ${FORBIDDEN_TEXT_MESSAGE}`);
      const created = await createProgramme(
        store,
        parsed.data,
        options.publicOrigin ?? 'http://127.0.0.1:8787',
        new Date(),
      ).catch((error: Error) => {
        throw new Error(`${file}: ${error.message}`);
      });
      return [
        `created programme "${created.programme.name}" (${created.programme.id})`,
        "enrolment code for its pairs (paste it under Programmes in Tandem's options):",
        created.enrolmentCode,
      ].join('\n');
    }
    default:
      throw new Error(USAGE);
  }
}

export const USAGE =
  'usage: tandem-sidecar [delete-space <spaceId> | compact [<spaceId>] | create-programme <file.json>] (no command: serve; --help: settings)';
