import { evaluateClaims } from './claims.js';
import { graphqlStyle } from './graphql-caller.js';
import { grpcStyle } from './grpc-caller.js';
import { describeMachine } from './machine.js';
import { measureStyle } from './measure-style.js';
import { notesFor } from './notes.js';
import type { Progress } from './progress.js';
import { measurePush } from './push/measure-push.js';
import type { ComparisonReport, PushResult, Settings, UnaryResult } from './report.js';
import { restStyle } from './rest-caller.js';
import { LIST_SIZE, type Style, scenarioItems } from './scenario.js';
import { soapStyle } from './soap-caller.js';
import type { Target } from './target.js';
import { WireTap } from './wire-tap.js';

/** The styles compared, in the order they are measured. */
export const STYLES: Style[] = [restStyle, grpcStyle, graphqlStyle, soapStyle];

const portOf = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));

/**
 * Runs the whole comparison against `target`: for each payload size, every style's scenario
 * (one style at a time), then the push channels; returns the report as plain data.
 */
export async function runComparison(
  target: Target,
  settings: Settings,
  command: string,
  progress: Progress,
): Promise<ComparisonReport> {
  const machine = describeMachine();
  const tap = new WireTap();
  const unary: UnaryResult[] = [];
  const push: PushResult[] = [];
  try {
    for (const items of settings.items) {
      const lines = scenarioItems(items);
      const helper = await restStyle.connect(target, lines);
      // "list 50" needs 50 orders to exist before any style lists.
      for (let i = 0; i < LIST_SIZE; i++)
        await helper.createOrder(`seed-${Date.now()}-${items}-${i}`);
      for (const style of STYLES) {
        const client = await style.connect(target, lines);
        const port = portOf(style.name === 'gRPC' ? target.grpc : target.url);
        try {
          unary.push(
            ...(await measureStyle({
              style,
              client,
              helper,
              target,
              tap,
              port,
              settings,
              items,
              progress,
            })),
          );
        } finally {
          client.close();
        }
      }
      helper.close();
      if (settings.events > 0)
        push.push(...(await measurePush(target, tap, settings, items, progress)));
    }
  } finally {
    tap.close();
  }
  return {
    generatedAt: new Date().toISOString(),
    command,
    settings,
    machine,
    outcomeVia: Object.fromEntries(STYLES.map((s) => [s.name, s.outcomeVia])),
    unary,
    push,
    claims: evaluateClaims(unary, push, settings.items[0] ?? 1),
    notes: notesFor(settings, target.cpuMicros() !== undefined, unary),
  };
}
