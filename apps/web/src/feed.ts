import { readSse } from './sse.js';

/** How many events the list keeps (newest first); older ones drop off the page. */
const KEEP = 100;
const RETRY_MS = 2_000;

interface WireEvent {
  sequence: number;
  type: string;
  order_id: string;
  payment_id: string | null;
  occurred_at: string;
}

/** The live event feed: SSE from /api/v1/events, resumed with Last-Event-ID after a drop. */
export interface Feed {
  /** (Re)connects with `apiKey`, from the start of the log that key may see. */
  connect(apiKey: string): void;
  disconnect(): void;
}

function renderEvent(event: WireEvent): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.sequence = String(event.sequence);
  item.dataset.type = event.type;
  item.dataset.orderId = event.order_id;
  const seq = document.createElement('span');
  seq.className = 'seq';
  seq.textContent = `#${event.sequence}`;
  const type = document.createElement('code');
  type.textContent = event.type;
  const ids = document.createElement('span');
  ids.className = 'ids';
  ids.textContent = [event.order_id, event.payment_id].filter(Boolean).join(' · ');
  const time = document.createElement('time');
  time.dateTime = event.occurred_at;
  time.textContent = new Date(event.occurred_at).toLocaleTimeString();
  item.append(seq, ' ', type, ' ', ids, ' ', time);
  return item;
}

/** Creates the feed over `list`, reporting the connection state in `status`. */
export function createFeed(list: HTMLOListElement, status: HTMLElement): Feed {
  let controller: AbortController | null = null;

  async function follow(apiKey: string, signal: AbortSignal): Promise<void> {
    let lastId: string | undefined;
    while (!signal.aborted) {
      try {
        const headers: Record<string, string> = {
          Authorization: `Bearer ${apiKey}`,
          Accept: 'text/event-stream',
        };
        if (lastId !== undefined) headers['Last-Event-ID'] = lastId;
        const response = await fetch('/api/v1/events', { headers, signal });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        status.textContent = 'connected: events appear as they are committed';
        for await (const message of readSse(response.body)) {
          if (message.id !== undefined) lastId = message.id;
          list.prepend(renderEvent(JSON.parse(message.data) as WireEvent));
          while (list.children.length > KEEP) list.lastElementChild?.remove();
        }
        status.textContent = 'stream ended; reconnecting…';
      } catch (error) {
        if (signal.aborted) return;
        status.textContent = `disconnected (${(error as Error).message}); retrying…`;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  return {
    connect(apiKey) {
      controller?.abort();
      controller = new AbortController();
      list.replaceChildren();
      status.textContent = 'connecting…';
      void follow(apiKey, controller.signal);
    },
    disconnect() {
      controller?.abort();
      controller = null;
      status.textContent = 'disconnected';
    },
  };
}
