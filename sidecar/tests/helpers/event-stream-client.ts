/** One server-sent event, or a comment line (heartbeats and the like). */
export interface ServerSentEvent {
  event?: string;
  data?: string;
  comment?: string;
}

export interface EventStreamClient {
  status: number;
  headers: Headers;
  /** Resolves with the first event (old or new) that matches, or rejects after the timeout. */
  waitFor(match: (event: ServerSentEvent) => boolean, timeoutMs?: number): Promise<ServerSentEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  events: ServerSentEvent[];
  close(): void;
}

/**
 * Reads an event stream the way the extension does: fetch with a Bearer header and a streamed
 * body (EventSource cannot send headers).
 */
export async function openEventStream(url: string, token: string): Promise<EventStreamClient> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };

  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          events.push(parseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
        notify();
      }
    } catch {
      // Aborted by close(), or the server went away: either way the stream is over.
    }
  })();

  return {
    status: response.status,
    headers: response.headers,
    events,
    ended,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

function parseBlock(block: string): ServerSentEvent {
  const event: ServerSentEvent = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim();
    else if (line.startsWith('event:')) event.event = line.slice(6).trim();
    else if (line.startsWith('data:')) event.data = line.slice(5).trim();
  }
  return event;
}

export const logEventWithSeq = (seq: number) => (event: ServerSentEvent) =>
  event.event === 'log' && event.data === JSON.stringify({ seq });
