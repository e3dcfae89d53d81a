import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewEvent } from '@commerce/core';
import { describeStoreContract, makeOrder, makeOrderEvent } from '@commerce/core/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

const directories: string[] = [];

function freshPath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'store-sqlite-'));
  directories.push(directory);
  return join(directory, 'commerce.db');
}

afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describeStoreContract('sqlite', () => openSqliteStore({ path: freshPath() }));

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const storeModule = fileURLToPath(new URL('./sqlite-store.ts', import.meta.url));

/** Runs an ES module snippet in another Node process with `openSqliteStore` and `path` in scope. */
function startProcess(path: string, body: string): ChildProcess {
  const source = `import { openSqliteStore } from ${JSON.stringify(storeModule)};
    const path = ${JSON.stringify(path)};
    ${body}`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/** Resolves with the process's stdout once it exits successfully. */
function output(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`child exited with ${code}: ${stdout}`)),
    );
  });
}

/** Resolves once the process has printed `line`. */
function printed(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split('\n').includes(line)) resolve();
    });
    child.on('exit', (code) =>
      reject(new Error(`child exited with ${code} before printing ${line}`)),
    );
  });
}

const eventFor = (customerId: string): NewEvent => makeOrderEvent(makeOrder({ customerId }));

describe('openSqliteStore', () => {
  it('shares committed writes between stores opened on the same file', async () => {
    const path = freshPath();
    const first = await openSqliteStore({ path });
    const second = await openSqliteStore({ path });
    try {
      const order = makeOrder();
      await first.orders.insert(order);
      expect(await second.orders.get(order.id)).toEqual(order);
      expect((await second.events.append(eventFor('cus_second'))).sequence).toBe(1);
      expect(await first.events.head()).toBe(1);
      expect((await first.events.append(eventFor('cus_first'))).sequence).toBe(2);
      expect((await second.events.readAfter(0, {}, 10)).map((e) => e.customerId)).toEqual([
        'cus_second',
        'cus_first',
      ]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('commits concurrent transactions as a group, rolling back only the one that throws', async () => {
    const store = await openSqliteStore({ path: freshPath() });
    const orders = Array.from({ length: 20 }, (_, i) => makeOrder({ customerId: `cus_${i}` }));
    const results = await Promise.allSettled(
      orders.map((order, i) =>
        store.transaction(async (tx) => {
          await tx.orders.insert(order);
          await tx.events.append(makeOrderEvent(order));
          if (i % 5 === 3) throw new Error(`unit ${i} fails`);
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(
      orders.map((_, i) => (i % 5 === 3 ? 'rejected' : 'fulfilled')),
    );
    for (const [i, order] of orders.entries())
      expect((await store.orders.get(order.id)) !== null).toBe(i % 5 !== 3);
    // Sequences stay gap-free across the rolled-back units.
    const events = await store.events.readAfter(0, {}, 100);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    await store.close();
  });

  it('migrates once: reopening keeps the data and the schema version', async () => {
    const path = freshPath();
    const order = makeOrder();
    const first = await openSqliteStore({ path });
    await first.orders.insert(order);
    await first.close();

    const reopened = await openSqliteStore({ path });
    expect(await reopened.orders.get(order.id)).toEqual(order);
    await reopened.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a database written by a newer schema, and an in-memory path', async () => {
    const path = freshPath();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    await expect(openSqliteStore({ path })).rejects.toThrow(/newer than this build/);
    await expect(openSqliteStore({ path: ':memory:' })).rejects.toThrow(/file path/);
  });

  it('keeps the sequence gap-free while several processes append at once', async () => {
    // The processes race to create and migrate the file, then start appending together.
    const path = freshPath();
    const perProcess = 30;
    const template = JSON.stringify(eventFor('cus_proc'));
    const appendMany = `
      const store = await openSqliteStore({ path, busyTimeoutMs: 20_000 });
      const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      console.log('ready');
      await new Promise((resolve) => process.stdin.once('data', resolve));
      const sequences = [];
      for (let i = 0; i < ${perProcess}; i++) {
        sequences.push(await store.transaction(async (tx) => {
          const head = await tx.events.head();
          await pause(1);
          const event = await tx.events.append({ ...${template}, id: 'evt_' + process.pid + '_' + i });
          if (event.sequence !== head + 1) throw new Error('gap or reuse: ' + head + ' -> ' + event.sequence);
          return event.sequence;
        }));
        await pause(5);
      }
      await store.close();
      console.log(JSON.stringify(sequences));`;
    const children = [1, 2, 3].map(() => startProcess(path, appendMany));
    const outputs = children.map(output);
    await Promise.all(children.map((child) => printed(child, 'ready')));
    for (const child of children) child.stdin?.end('go\n');
    const perChild = (await Promise.all(outputs)).map(
      (stdout) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as number[],
    );
    expect(perChild.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 3 * perProcess }, (_, i) => i + 1),
    );
    // The processes really contended: some process's sequences are not one contiguous run.
    expect(perChild.some((s) => (s.at(-1) ?? 0) - (s[0] ?? 0) + 1 > s.length)).toBe(true);

    const store = await openSqliteStore({ path });
    expect(await store.events.head()).toBe(3 * perProcess);
    await store.close();
  }, 60_000);

  it('survives a process killed inside a transaction: its writes vanish, the next writer goes on', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path });
    try {
      await store.events.append(eventFor('cus_before'));
      const child = startProcess(
        path,
        `const store = await openSqliteStore({ path });
         await store.transaction(async (tx) => {
           await tx.events.append(${JSON.stringify(eventFor('cus_killed'))});
           console.log('inside');
           await new Promise(() => setInterval(() => {}, 1_000));
         });`,
      );
      await printed(child, 'inside');
      // Its transaction holds the write lock, but reads go on against the committed snapshot.
      expect(await store.events.head()).toBe(1);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      expect((await store.events.append(eventFor('cus_after'))).sequence).toBe(2);
      expect((await store.events.readAfter(0, {}, 10)).map((e) => e.customerId)).toEqual([
        'cus_before',
        'cus_after',
      ]);
    } finally {
      await store.close();
    }
  }, 30_000);
});
