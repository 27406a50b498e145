import { isClosedIntroduction } from '../../mentoring/mentor-roles';
import { type Introduction, introduction } from '../../schema/introduction';
import type { Session } from '../../schema/session';
import { parseRecord } from '../validate';
import { type Store, stamp } from './store';
import { patchRecord, putShared, sharedTx, tombstone } from './write';

/** What a person types for an introduction; status and dates are set by the writes. */
export type IntroductionInput = Pick<Introduction, 'who' | 'org' | 'why' | 'followUp'>;

/** An introduction agreed in a session: suggested, not yet made. */
export async function addIntroduction(
  store: Store,
  sessionRecord: Pick<Session, 'id' | 'pairId'>,
  input: IntroductionInput,
): Promise<Introduction> {
  const record = parseRecord(introduction, {
    who: input.who.trim(),
    org: input.org.trim(),
    why: input.why.trim(),
    followUp: input.followUp,
    id: store.newId(),
    pairId: sessionRecord.pairId,
    sessionId: sessionRecord.id,
    status: 'suggested',
    closedInSessionId: null,
    createdAt: store.now(),
    ...stamp(store),
  });
  await sharedTx(store, ['introductions'], () => putShared(store, 'introductions', record));
  return record;
}

/**
 * Change an introduction. A status that closes it (met, declined) records the session it was
 * closed in, as action items do; reopening clears it.
 */
export function updateIntroduction(
  store: Store,
  id: string,
  changes: Partial<Pick<Introduction, 'who' | 'org' | 'why' | 'followUp' | 'status'>>,
  inSessionId: string | null = null,
): Promise<Introduction> {
  return patchRecord(store, 'introductions', id, (current) => {
    const status = changes.status ?? current.status;
    const closedInSessionId = !isClosedIntroduction(status)
      ? null
      : status !== current.status
        ? inSessionId
        : current.closedInSessionId;
    return { ...changes, closedInSessionId };
  });
}

export async function removeIntroduction(store: Store, id: string): Promise<void> {
  await tombstone(store, 'introductions', id);
}
