// Loaded with `node --import` into the engine (BENCH_SCALE_ENGINE_FLAGS) to see what makes its
// peak RSS: every BENCH_MEM_MS (250) ms one line to BENCH_MEM_OUT.PID.THREAD.tsv with the
// process's RSS (anonymous and file-backed, from /proc), this thread's V8 heap by space and its
// external/ArrayBuffer bytes, and, in the main thread, the HTTP exchanges in flight by what they
// read (undici's diagnostics channels) with the bytes their content-length announced. Node runs
// `--import` modules in worker threads too, so the inventory's reader thread writes its own file.
// Bench-only: the shipped engine has no bench code.
import { channel } from 'node:diagnostics_channel';
import { openSync, readFileSync, writeSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { isMainThread, threadId } from 'node:worker_threads';

const out = process.env.BENCH_MEM_OUT;
if (out) {
  const fd = openSync(`${out}.${process.pid}.${threadId}.tsv`, 'w');
  const t0 = Date.now();
  const mb = (n) => (n / 2 ** 20).toFixed(1);
  const kinds = ['sweep', 'inventory', 'cache', 'other'];
  const kindOf = (path) =>
    path.includes('/mirroring/') && path.includes('/repos')
      ? 'sweep'
      : path.startsWith('/rest/api/') && path.includes('/repos')
        ? 'inventory'
        : path.includes('scm-cache')
          ? 'cache'
          : 'other';
  const flight = { sweep: 0, inventory: 0, cache: 0, other: 0 };
  const bytes = { sweep: 0, inventory: 0, cache: 0, other: 0 };
  const held = [];
  if (isMainThread) {
    const rows = new WeakMap();
    const subscribe = (name, fn) => {
      const ch = channel(name);
      ch.subscribe(fn);
      held.push(ch);
    };
    subscribe('undici:request:create', ({ request }) => {
      const kind = kindOf(request.path);
      rows.set(request, { kind, length: 0 });
      flight[kind] += 1;
    });
    subscribe('undici:request:headers', ({ request, response }) => {
      const row = rows.get(request);
      if (!row) return;
      const h = response.headers;
      for (let i = 0; i + 1 < h.length; i += 2) {
        if (String(h[i]).toLowerCase() === 'content-length') row.length = Number(String(h[i + 1]));
      }
      bytes[row.kind] += row.length;
    });
    const end = ({ request }) => {
      const row = rows.get(request);
      if (!row) return;
      rows.delete(request);
      flight[row.kind] -= 1;
      bytes[row.kind] -= row.length;
    };
    subscribe('undici:request:trailers', end);
    subscribe('undici:request:error', end);
  }
  const status = () => {
    const text = readFileSync('/proc/self/status', 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) * 1024;
    return [kb('VmRSS'), kb('RssAnon'), kb('RssFile'), kb('VmHWM')];
  };
  const header = ['t', 'rss', 'anon', 'file', 'hwm', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers', 'newC', 'oldU', 'oldC', 'loU', 'loC', 'codeC'];
  if (isMainThread) for (const k of kinds) header.push(`${k}N`, `${k}MB`);
  writeSync(fd, header.join('\t') + '\n');
  const sample = () => {
    const [rss, anon, file, hwm] = status();
    const m = process.memoryUsage();
    const sp = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s]));
    const row = [
      ((Date.now() - t0) / 1000).toFixed(2),
      mb(rss),
      mb(anon),
      mb(file),
      mb(hwm),
      mb(m.heapUsed),
      mb(m.heapTotal),
      mb(m.external),
      mb(m.arrayBuffers),
    ];
    row.push(
      mb(sp.new_space.space_size),
      mb(sp.old_space.space_used_size),
      mb(sp.old_space.space_size),
      mb(sp.large_object_space.space_used_size),
      mb(sp.large_object_space.space_size),
      mb(sp.code_space.space_size),
    );
    if (isMainThread) for (const k of kinds) row.push(flight[k], mb(bytes[k]));
    writeSync(fd, row.join('\t') + '\n');
  };
  setInterval(sample, Number(process.env.BENCH_MEM_MS ?? 250)).unref();
  if (isMainThread) {
    // Where the anonymous RSS is, from /proc/self/smaps every 5 s: glibc's main arena ([heap]),
    // its thread arenas (64 MB-aligned reservations of 64 MB, read/write part first) and the rest
    // (V8's pages, mmapped ArrayBuffers and other large blocks, stacks).
    const smapsFd = openSync(`${out}.${process.pid}.smaps.tsv`, 'w');
    writeSync(smapsFd, 't\tanon\theap\tarenas\tarenaCount\tother\n');
    const ARENA = 64 * 2 ** 20;
    const smaps = () => {
      const lines = readFileSync('/proc/self/smaps', 'utf8').split('\n');
      const maps = [];
      for (const line of lines) {
        const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
        if (m) maps.push({ start: parseInt(m[1], 16), end: parseInt(m[2], 16), perms: m[3], inode: m[4], name: m[5], anon: 0 });
        else if (line.startsWith('Anonymous:') && maps.length) maps[maps.length - 1].anon = Number(/(\d+)/.exec(line)[1]) * 1024;
      }
      let anon = 0,
        heap = 0,
        arenas = 0,
        arenaCount = 0;
      for (let i = 0; i < maps.length; i++) {
        const e = maps[i];
        anon += e.anon;
        if (e.name === '[heap]') heap += e.anon;
        else if (e.name === '' && e.start % ARENA === 0) {
          const next = maps[i + 1];
          const whole = e.end - e.start === ARENA || (next && next.start === e.end && next.perms === '---p' && next.end - e.start === ARENA);
          if (whole) {
            arenas += e.anon;
            arenaCount++;
          }
        }
      }
      writeSync(smapsFd, [((Date.now() - t0) / 1000).toFixed(2), mb(anon), mb(heap), mb(arenas), arenaCount, mb(anon - heap - arenas)].join('\t') + '\n');
    };
    setInterval(smaps, 5000).unref();
  }
}
