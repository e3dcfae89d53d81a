import type { DomainEvent } from '../domain/event.js';
import type { EventFilter } from '../ports/store.js';
import type { CoreDeps } from './deps.js';
import type { LiveTail, TailReader } from './live-tail.js';

export interface FollowOptions {
  filter: EventFilter;
  /** Start after this sequence. */
  after: number;
  /** Most events one `next` returns (and one store read asks for). */
  limit: number;
  signal: AbortSignal;
}

/** One consumer's position in the log: replay from the store, then the shared live tail. */
export interface LogFollower {
  /**
   * The next matching events after everything returned so far, in order, each exactly once;
   * waits while there are none. Empty once `deadline` (epoch ms) passes or the signal aborts.
   */
  next(deadline?: number): Promise<DomainEvent[]>;
  /** Leaves the live tail; call once the consumer is done. */
  close(): void;
}

/** Where an `EventFeed` pushes: called synchronously, from the live tail's hand-out too. */
export interface EventSink {
  /**
   * Takes the next matching events, in order, each exactly once. Returning false pauses the
   * feed (the events are taken all the same) until the sink calls `resume()`.
   */
  write(events: DomainEvent[]): boolean;
  /** A store read failed: the feed has stopped and left the tail. */
  fail(error: unknown): void;
}

/** The push form of a follower, for stream writers: no promise is pending while it waits. */
export interface EventFeed {
  /** Starts delivery (nothing is read before), or continues it after `write` returned false. */
  resume(): void;
  /** Stops delivery and leaves the live tail; idempotent. */
  close(): void;
}

/**
 * One store read from `reader.cursor`, advancing it. `atHead` when the read saw everything
 * committed: the reader should join the tail then.
 */
async function readStore(
  deps: CoreDeps,
  tail: LiveTail,
  reader: TailReader,
  limit: number,
): Promise<{ events: DomainEvent[]; atHead: boolean }> {
  // Everything up to `known` is committed, so an incomplete batch has seen all of it.
  const known = await tail.knownHead();
  const events = await deps.store.events.readAfter(reader.cursor, reader.filter, limit);
  const last = events.at(-1)?.sequence ?? reader.cursor;
  if (events.length === limit) {
    reader.cursor = last;
    return { events, atHead: false };
  }
  reader.cursor = Math.max(last, known);
  return { events, atHead: true };
}

/**
 * Follows the log for one consumer. While behind it reads the store in batches of `limit` (only
 * as fast as the consumer takes them); near the head it joins the live tail and takes events
 * from its bounded queue. If the tail lets go of it (the consumer fell `queueSize` events
 * behind), it drains what was queued and reads the store again from its cursor.
 */
export function followLog(deps: CoreDeps, tail: LiveTail, options: FollowOptions): LogFollower {
  const { filter, limit, signal } = options;
  let wakeUp: (() => void) | null = null;
  const reader: TailReader = {
    filter,
    cursor: options.after,
    queue: [],
    attached: false,
    wake: () => wakeUp?.(),
  };

  /** One store read from the cursor; joins the tail when it reached the head. */
  async function replay(): Promise<DomainEvent[]> {
    const { events, atHead } = await readStore(deps, tail, reader, limit);
    if (atHead && !signal.aborted) tail.join(reader);
    return events;
  }

  /** Resolves on a wake from the tail, the deadline or the abort; false on the deadline. */
  function waitForTail(deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        wakeUp = null;
        resolve(woken);
      };
      const onAbort = () => finish(true);
      const timer =
        deadline === Number.POSITIVE_INFINITY
          ? undefined
          : setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
      wakeUp = () => finish(true);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    async next(deadline = Number.POSITIVE_INFINITY) {
      for (;;) {
        if (signal.aborted) return [];
        if (reader.queue.length > 0) return reader.queue.splice(0, limit);
        if (!reader.attached) {
          const events = await replay();
          if (events.length > 0) return events;
          if (!reader.attached) continue;
        }
        if (Date.now() >= deadline || !(await waitForTail(deadline))) return [];
      }
    },
    close() {
      tail.leave(reader);
    },
  };
}

type FeedState = 'new' | 'flowing' | 'paused' | 'reading' | 'closed';

/**
 * The feed is its own tail reader: an idle subscriber costs this object and its queue, no
 * timer, promise or closure. The tail's `wake` hands queued events to the sink synchronously,
 * so a commit reaches every socket in the tail's one pass.
 */
class LogFeed implements TailReader, EventFeed {
  cursor: number;
  readonly queue: DomainEvent[] = [];
  attached = false;
  private state: FeedState = 'new';

  constructor(
    private readonly deps: CoreDeps,
    private readonly tail: LiveTail,
    readonly filter: EventFilter,
    private readonly limit: number,
    after: number,
    private readonly sink: EventSink,
  ) {
    this.cursor = after;
  }

  wake(): void {
    // Paused or reading: the queue waits for `resume` or the read's end (or the tail lets go).
    if (this.state === 'flowing') this.flow();
  }

  resume(): void {
    if (this.state !== 'new' && this.state !== 'paused') return;
    this.state = 'flowing';
    this.flow();
  }

  close(): void {
    this.shut();
  }

  private flow(): void {
    while (this.state === 'flowing') {
      if (this.queue.length > 0) {
        this.deliver(this.queue.splice(0, this.limit));
        continue;
      }
      if (!this.attached) void this.read();
      return;
    }
  }

  private deliver(events: DomainEvent[]): void {
    // The sink may have closed the feed while writing: keep that state.
    if (!this.sink.write(events) && this.state === 'flowing') this.state = 'paused';
  }

  private async read(): Promise<void> {
    this.state = 'reading';
    try {
      const { events, atHead } = await readStore(this.deps, this.tail, this, this.limit);
      if (this.state !== 'reading') return;
      if (atHead) this.tail.join(this);
      this.state = 'flowing';
      if (events.length > 0) this.deliver(events);
      this.flow();
    } catch (error) {
      // Closed meanwhile: nobody is left to tell.
      if (this.shut()) this.sink.fail(error);
    }
  }

  /** Leaves the tail; true the first time. */
  private shut(): boolean {
    if (this.state === 'closed') return false;
    this.state = 'closed';
    this.tail.leave(this);
    this.queue.length = 0;
    return true;
  }
}

/**
 * Follows the log like `followLog`, but pushes: once resumed, every matching event after
 * `after` goes to `sink` in order, exactly once, as soon as it is read. Back-pressure is the
 * sink's `false`: the tail then queues up to `queueSize` events for it and lets go of it beyond,
 * and the feed reads the store from its cursor once resumed.
 */
export function feedLog(
  deps: CoreDeps,
  tail: LiveTail,
  options: Omit<FollowOptions, 'signal'>,
  sink: EventSink,
): EventFeed {
  return new LogFeed(deps, tail, options.filter, options.limit, options.after, sink);
}
