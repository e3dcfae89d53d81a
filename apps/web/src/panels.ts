import type { CallResult, Style } from './call-result.js';

/** Which call of the order's life a slot shows. */
export type Slot = 'create' | 'get';

const TITLES: Record<Style, { name: string; via: string }> = {
  rest: { name: 'REST', via: 'fetch → /api/v1 (JSON)' },
  grpc: { name: 'gRPC', via: 'server bridge → :grpc port (protobuf)' },
  graphql: { name: 'GraphQL', via: 'fetch → /graphql' },
  soap: { name: 'SOAP', via: 'fetch → /soap (XML)' },
};

/** The four side-by-side panels, one per style; each holds a create and a get slot. */
export interface Panels {
  show(style: Style, slot: Slot, result: CallResult): void;
  fail(style: Style, slot: Slot, error: unknown): void;
  clear(): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

function metric(name: string, value: string, className: string): HTMLDivElement {
  const row = el('div');
  row.append(el('dt', name), el('dd', value, className));
  return row;
}

function block(label: string, text: string, open: boolean): HTMLDetailsElement {
  const details = el('details');
  details.open = open;
  details.className = label.toLowerCase();
  const pre = el('pre');
  pre.append(el('code', text));
  pre.tabIndex = 0; // long lines scroll: let keyboard users reach them
  details.append(el('summary', label), pre);
  return details;
}

function renderCall(result: CallResult): HTMLElement {
  const section = el('section', undefined, 'call');
  section.dataset.ok = String(result.ok);
  const metrics = el('dl', undefined, 'metrics');
  metrics.append(
    metric('status', result.status, 'status'),
    metric('bytes', `${result.requestBytes} → ${result.responseBytes}`, 'bytes'),
    metric('latency', `${result.latencyMs.toFixed(1)} ms`, 'latency'),
  );
  section.append(el('h4', result.operation), metrics);
  if (result.order) {
    const summary = `${result.order.id} · v${result.order.version} · ${result.order.status}`;
    section.append(el('p', summary, 'order-summary'));
  }
  section.append(block('Request', result.request, false), block('Response', result.response, true));
  return section;
}

/** Builds the panels into `container`. */
export function createPanels(container: HTMLElement): Panels {
  const panels = new Map<Style, { article: HTMLElement; slots: Record<Slot, HTMLElement> }>();
  for (const style of Object.keys(TITLES) as Style[]) {
    const article = el('article', undefined, 'panel');
    article.id = `panel-${style}`;
    article.dataset.style = style;
    article.setAttribute('aria-labelledby', `panel-${style}-title`);
    const title = el('h3', TITLES[style].name);
    title.id = `panel-${style}-title`;
    title.append(' ', el('small', TITLES[style].via));
    const slots = { create: el('div', undefined, 'slot'), get: el('div', undefined, 'slot') };
    article.append(title, slots.create, slots.get);
    container.append(article);
    panels.set(style, { article, slots });
  }
  const panel = (style: Style) => panels.get(style) as NonNullable<ReturnType<typeof panels.get>>;
  return {
    show(style, slot, result) {
      const { article, slots } = panel(style);
      slots[slot].replaceChildren(renderCall(result));
      if (result.order) {
        article.dataset.orderId = result.order.id;
        article.dataset.orderVersion = String(result.order.version);
      }
    },
    fail(style, slot, error) {
      panel(style).slots[slot].replaceChildren(el('p', `call failed: ${String(error)}`, 'error'));
    },
    clear() {
      for (const { article, slots } of panels.values()) {
        delete article.dataset.orderId;
        delete article.dataset.orderVersion;
        slots.create.replaceChildren();
        slots.get.replaceChildren();
      }
    },
  };
}
