// Chromium's own CPU per page load, with its default switches and with the ones the e2e tests,
// benches and screenshot scripts use (test/e2e/fixtures/chromium-args.ts): all of Chromium's
// processes (/proc/PID/stat, 10 ms ticks), over PAGES new tabs that each load a tiny local page and
// stay 1.5 s. Not part of `npm run bench` (no bound: it says why the switches are there).
// Usage: npx tsx bench/chromium-cpu.ts [PAGES]
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/fixtures/chromium-args';

const PAGES = Number(process.argv[2] ?? 8);
const DEFAULTS = CHROMIUM_ARGS.filter((a) => !a.startsWith('--disable-features='));

/** CPU ms of every process whose command name is Chromium's. */
function chromiumCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended between the listing and the read
    }
    if (!/\((chromium|chrome)[^)]*\)/.test(stat)) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>x</p>'));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address() as AddressInfo;
try {
  for (const [name, args] of [
    ['default switches', DEFAULTS],
    ['CHROMIUM_ARGS', CHROMIUM_ARGS],
  ] as const) {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...args] });
    try {
      await new Promise((r) => setTimeout(r, 2000));
      const perPage: number[] = [];
      for (let i = 0; i < PAGES; i++) {
        const page = await browser.newPage();
        const cpu0 = chromiumCpuMs();
        await page.goto(`http://127.0.0.1:${port}/?${i}`);
        await new Promise((r) => setTimeout(r, 1500));
        perPage.push(chromiumCpuMs() - cpu0);
        await page.close();
      }
      process.stdout.write(`${name.padEnd(18)} Chromium CPU a page load (ms): ${perPage.join(' ')}\n`);
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}
