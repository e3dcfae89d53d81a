#!/usr/bin/env node
/**
 * Summarizes `--cpu-prof` profiles: self time by function and by file (top N), so a profile
 * taken under load can be read without DevTools.
 *   node apps/bench/src/profile-summary.mjs [--top=30] [--filter=regex] file.cpuprofile…
 * `--callers=regex [--depth=6]` prints, instead, the call stacks (innermost first) under which
 * the functions matching regex spend their time, with their inclusive time.
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
const filterArg = args.find((a) => a.startsWith('--filter='))?.slice(9);
const callersArg = args.find((a) => a.startsWith('--callers='))?.slice(10);
const depth = Number(args.find((a) => a.startsWith('--depth='))?.slice(8) ?? 6);
const files = args.filter((a) => !a.startsWith('--'));

const short = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')
    .replace(/.*\/work\/main\//, '');

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) =>
    `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url) || '(native)'}:${n.callFrame.lineNumber + 1}`;
  if (callersArg) {
    const pattern = new RegExp(callersArg);
    const inclusive = new Map();
    const addUp = (id) => {
      let sum = self.get(id) ?? 0;
      for (const c of byId.get(id).children ?? []) sum += addUp(c);
      inclusive.set(id, sum);
      return sum;
    };
    addUp(profile.nodes[0].id);
    const stacks = new Map();
    for (const n of profile.nodes) {
      if (!pattern.test(label(n))) continue;
      // Count only the outermost match on a path, so nested matches are not counted twice.
      let p = parent.get(n.id);
      let nested = false;
      while (p !== undefined) {
        if (pattern.test(label(byId.get(p)))) nested = true;
        p = parent.get(p);
      }
      if (nested) continue;
      const frames = [];
      let id = n.id;
      for (let i = 0; i < depth && id !== undefined; i++) {
        frames.push(label(byId.get(id)));
        id = parent.get(id);
      }
      const key = frames.join('\n      <- ');
      stacks.set(key, (stacks.get(key) ?? 0) + inclusive.get(n.id));
    }
    console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled; stacks of /${callersArg}/`);
    for (const [key, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(
        `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
      );
    continue;
  }
  const byFunction = new Map();
  const byFile = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const where = short(callFrame.url) || '(native)';
    const fn = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const pkg = where.split(':')[0];
    byFile.set(pkg, (byFile.get(pkg) ?? 0) + us);
  }
  const print = (title, map) => {
    console.log(`\n${title}`);
    const rows = [...map].sort((a, b) => b[1] - a[1]);
    for (const [name, us] of rows
      .filter(([name]) => !filterArg || new RegExp(filterArg).test(name))
      .slice(0, top))
      console.log(
        `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
      );
  };
  console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  print('self time by function', byFunction);
  print('self time by file', byFile);
}
