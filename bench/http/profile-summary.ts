/**
 * Summarises a V8 CPU profile (node --cpu-prof, e.g. from BENCH_PROFILE_DIR): self time by
 * package or source file, and the top functions by self and by inclusive time, as percentages of
 * the busy (non-idle) time, and in CPU microseconds per request when `<name>.requests.json`
 * (written by bench/http/run.ts) lies beside the profile.
 *
 *   npx tsx bench/http/profile-summary.ts <file.cpuprofile> [top=25] [filter regexp]
 *
 * A filter keeps only inclusive rows whose function or file matches (e.g. "src/|restify").
 */
import { existsSync, readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a file of ours, Node itself, or V8's pseudo-frames. */
export function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const ours = /\/((?:src|bench|test)\/.*)$/.exec(url);
  if (ours) return ours[1] as string;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/')[0] as string;
  return url;
}

function keyOf(f: CallFrame): string {
  const file = f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/');
  // tsx compiles our TypeScript with its whitespace minified: a line number there means nothing.
  const line = /^(src|bench|test)\//.test(file) ? '' : `:${f.lineNumber + 1}`;
  return `${f.functionName || '(anonymous)'} ${file}${line}`;
}

function main(): void {
  const [file, topArg, filterArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top] [filter]');
  const top = Number(topArg ?? 25);
  const filter = filterArg ? new RegExp(filterArg) : undefined;
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Native code (a syscall, SQLite, a hash) counts in the area of the JavaScript that called it.
  const areaOfSample = (id: number): string => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)?.callFrame;
      if (f && (f.url || f.functionName.startsWith('('))) return areaOf(f.url, f.functionName);
    }
    return '(native)';
  };
  // Node's own JavaScript and native code count for the package or file that called them; what
  // Node runs on its own (HTTP parsing, socket reads, timers) stays Node's.
  const ownerOfSample = (id: number): string => {
    const leaf = byId.get(id)?.callFrame;
    if (leaf && !leaf.url && leaf.functionName.startsWith('(')) return leaf.functionName;
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)?.callFrame;
      if (f?.url && !f.url.startsWith('node:')) return areaOf(f.url, f.functionName);
    }
    return '(node core, no caller of ours or a package)';
  };
  const owners = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    const leaf = byId.get(id);
    if (!leaf) return;
    if (leaf.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    busy += dt;
    add(self, keyOf(leaf.callFrame), dt);
    add(areas, areaOfSample(id), dt);
    add(owners, ownerOfSample(id), dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const node = byId.get(n);
      if (!node || node.callFrame.functionName === '(root)') continue;
      const k = keyOf(node.callFrame);
      if (!seen.has(k)) {
        seen.add(k);
        add(inclusive, k, dt);
      }
    }
  });
  const countFile = file.replace(/\.cpuprofile$/, '.requests.json');
  const requests = existsSync(countFile)
    ? (JSON.parse(readFileSync(countFile, 'utf8')) as { requests: number }).requests
    : undefined;
  const perRequest = (v: number) => (requests ? `${(v / requests).toFixed(1).padStart(6)} µs  ` : '');
  const pct = (v: number) => `${((100 * v) / busy).toFixed(1).padStart(5)}%  ${perRequest(v)}`;
  const list = (m: Map<string, number>, n: number, keep: (k: string) => boolean = () => true) =>
    [...m.entries()]
      .filter(([k]) => keep(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${pct(v)}${k}`)
      .join('\n');
  console.log(
    `${file}: busy ${(busy / 1e6).toFixed(2)} s, idle ${(idle / 1e6).toFixed(2)} s (percentages of busy time)` +
      (requests ? `; ${requests} requests, ${perRequest(busy).trim()} of CPU per request` : ''),
  );
  console.log(`\nself time by area (native code in the area of its caller):\n${list(areas, top)}`);
  console.log(`\nself time by owner (Node internals counted for their caller):\n${list(owners, top)}`);
  console.log(`\ntop self time:\n${list(self, top)}`);
  console.log(
    `\ntop inclusive time${filter ? ` (matching ${filter})` : ''}:\n${list(inclusive, top, (k) => !filter || filter.test(k))}`,
  );
}

main();
