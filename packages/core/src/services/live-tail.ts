import type { DomainEvent } from '../domain/event.js';
import type { EventFilter } from '../ports/store.js';
import type { CoreDeps } from './deps.js';

/**
 * A reader the live tail hands events to. The tail owns `cursor`, `queue` and `attached`
 * while the reader is attached; the reader only takes from the front of `queue`.
 */
export interface TailReader {
  readonly filter: EventFilter;
  /** Highest sequence queued or skipped by the filter: the reader needs what follows it. */
  cursor: number;
  /** Matching events not yet taken, in sequence order. */
  readonly queue: DomainEvent[];
  /** False once the tail let go of it (queue full, tail failed): it reads the store from `cursor`. */
  attached: boolean;
  /** Called when `queue` grew or `attached` became false. */
  wake(): void;
}

export const matchesFilter = (filter: EventFilter, event: DomainEvent): boolean =>
  (filter.customerId === undefined || event.customerId === filter.customerId) &&
  (filter.orderId === undefined || event.orderId === filter.orderId) &&
  (filter.types === undefined || filter.types.includes(event.type));

/**
 * The shared live tail of the event log: ONE reader per process follows the head (woken by
 * the bus, and every `events.pollMs` for other processes' writes), reads each new batch once
 * and hands it to every attached reader, which filters it in memory. One commit costs one
 * store read whatever the number of subscribers.
 *
 * Readers that are behind replay from the store themselves and `join` once they are close to
 * the head; the last `tailBuffer` events are kept so the gap between their last store read and
 * the tail is bridged from memory. A reader whose queue is full is detached (never blocked on,
 * never buffered without bound): it falls back to store reads from its cursor, so nothing is
 * lost or repeated.
 */
export function createLiveTail(deps: CoreDeps) {
  const { store, bus, settings } = deps;
  const { batchSize, pollMs, queueSize, tailBuffer } = settings.events;
  const readers = new Set<TailReader>();
  /** Highest sequence read and handed out. */
  let cursor = 0;
  /** The latest events read, gap-free and ending at `cursor` (may be empty). */
  let recent: DomainEvent[] = [];
  let following: { stopBus: () => void; timer: ReturnType<typeof setInterval> } | null = null;
  let pumping = false;
  let again = false;

  /** Queues `event` for `reader` if it matches; false when the queue is full. */
  function offer(reader: TailReader, event: DomainEvent): boolean {
    if (event.sequence <= reader.cursor) return true;
    if (matchesFilter(reader.filter, event)) {
      if (reader.queue.length >= queueSize) return false;
      reader.queue.push(event);
    }
    reader.cursor = event.sequence;
    return true;
  }

  function detach(reader: TailReader): void {
    readers.delete(reader);
    reader.attached = false;
    if (readers.size === 0) stopFollowing();
  }

  function handOut(batch: readonly DomainEvent[]): void {
    for (const reader of readers) {
      const queued = reader.queue.length;
      let kept = true;
      for (const event of batch) {
        kept = offer(reader, event);
        if (!kept) break;
      }
      if (!kept) detach(reader);
      if (!kept || reader.queue.length > queued) reader.wake();
    }
  }

  function remember(batch: readonly DomainEvent[]): void {
    recent = recent.concat(batch);
    // Trim in chunks, not per event, so remembering stays amortized O(batch).
    if (recent.length > 2 * tailBuffer) recent = recent.slice(-tailBuffer);
  }

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        for (;;) {
          const from = cursor;
          const batch = await store.events.readAfter(from, {}, batchSize);
          // An idle tail may have been moved by `join` while this read ran: read again from there.
          if (cursor !== from) {
            again = true;
            break;
          }
          const last = batch.at(-1);
          if (last === undefined) break;
          cursor = last.sequence;
          remember(batch);
          handOut(batch);
          if (batch.length < batchSize) break;
        }
      } while (again && readers.size > 0);
    } catch {
      // The readers fall back to their own store reads: they recover with the store, or
      // surface its error to their consumer.
      for (const reader of [...readers]) {
        detach(reader);
        reader.wake();
      }
    } finally {
      pumping = false;
    }
  }

  function startFollowing(): void {
    if (following) return;
    following = {
      stopBus: bus.subscribe((head) => {
        if (head > cursor) void pump();
      }),
      timer: setInterval(() => void pump(), pollMs),
    };
    following.timer.unref?.();
    // A commit published before the bus subscription above must not wait for the poll.
    void pump();
  }

  function stopFollowing(): void {
    if (!following) return;
    following.stopBus();
    clearInterval(following.timer);
    following = null;
  }

  return {
    /**
     * A sequence up to which the log is known to be committed: the tail's position while it
     * follows the log (no store read), the store's head otherwise.
     */
    async knownHead(): Promise<number> {
      return following ? cursor : store.events.head();
    },

    /**
     * Attaches `reader` if the tail can continue it from its cursor without a gap, handing it
     * the remembered events it has not seen. False when it is too far behind (or its queue
     * filled meanwhile): it should read the store further and try again.
     */
    join(reader: TailReader): boolean {
      const oldest = recent[0]?.sequence ?? cursor + 1;
      if (readers.size === 0 && (reader.cursor > cursor || reader.cursor < oldest - 1)) {
        // Nobody follows the tail: it may start wherever this reader is (a read in flight
        // notices the move and reads again from here).
        cursor = reader.cursor;
        recent = [];
      } else if (reader.cursor < oldest - 1) {
        return false;
      }
      for (const event of recent) if (!offer(reader, event)) return false;
      reader.attached = true;
      readers.add(reader);
      startFollowing();
      return true;
    },

    /** Detaches `reader` (its stream ended); the tail stops following when nobody is left. */
    leave(reader: TailReader): void {
      if (readers.has(reader)) detach(reader);
    },

    /** How many readers are attached (tests, metrics). */
    size(): number {
      return readers.size;
    },
  };
}

export type LiveTail = ReturnType<typeof createLiveTail>;
