/** An open server-sent-events response and how to end it. */
export interface EventStream {
  deviceId: string;
  end(): void;
}

/**
 * The open event streams of this process: ended when their device is revoked here, and all of
 * them when the server shuts down (an open stream would otherwise keep close() waiting forever).
 */
export class EventStreams {
  readonly #open = new Set<EventStream>();

  add(stream: EventStream): void {
    this.#open.add(stream);
  }

  remove(stream: EventStream): void {
    this.#open.delete(stream);
  }

  endDevice(deviceId: string): void {
    for (const stream of [...this.#open]) if (stream.deviceId === deviceId) stream.end();
  }

  endAll(): void {
    for (const stream of [...this.#open]) stream.end();
  }

  get size(): number {
    return this.#open.size;
  }
}
