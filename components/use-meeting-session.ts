import { useEffect, useState } from 'preact/hooks';
import { sessionForMeeting } from '../utils/data/records/sessions';
import type { PageContext } from '../utils/schema/page-context';
import { useStore } from './use-live';

/**
 * The meeting's session: found or created once the meeting on screen (`key`) is recognised for
 * the pair shown (`meetingPairId`); null until then, and for any other meeting or pair.
 */
export function useMeetingSession(
  context: PageContext | null,
  key: string,
  meetingPairId: string | null,
): string | null {
  const store = useStore();
  const [meetingSession, setMeetingSession] = useState<{ key: string; id: string } | null>(null);
  useEffect(() => {
    if (!context?.meeting || !meetingPairId) return;
    let alive = true;
    void sessionForMeeting(store, meetingPairId, context).then(
      (s) => alive && setMeetingSession({ key: `${key}|${meetingPairId}`, id: s.id }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [key, meetingPairId]);
  return meetingSession && meetingSession.key === `${key}|${meetingPairId}`
    ? meetingSession.id
    : null;
}
