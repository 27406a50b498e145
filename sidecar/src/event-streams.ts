/** An open server-sent-events response and how to end it. */
export interface EventStream {
  deviceId: string;
  spaceId: string;
  end(): void;
}

/**
 * The open event streams of this process: ended when their device is revoked or their space
 * deleted here, and all of them when the server shuts down (an open stream would otherwise keep
 * close() waiting forever). Counted per device and per space for the stream caps.
 */
export class EventStreams {
  /** In the order they opened: the first of a device is its oldest. */
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

  endSpace(spaceId: string): void {
    for (const stream of [...this.#open]) if (stream.spaceId === spaceId) stream.end();
  }

  endAll(): void {
    for (const stream of [...this.#open]) stream.end();
  }

  /** Ends the device's oldest streams until it has fewer than `max` open. */
  makeRoomFor(deviceId: string, max: number): void {
    const own = [...this.#open].filter((stream) => stream.deviceId === deviceId);
    for (const stream of own.slice(0, Math.max(0, own.length - max + 1))) stream.end();
  }

  countSpace(spaceId: string): number {
    let count = 0;
    for (const stream of this.#open) if (stream.spaceId === spaceId) count += 1;
    return count;
  }

  get size(): number {
    return this.#open.size;
  }
}
