// Writes build/icon.png: 512×512, the size electron-builder needs to derive the macOS and
// Windows icons. Drawn in code so the repository holds no binary we cannot regenerate:
// a dark rounded tile with three health bars (ok, warning, ok) over a baseline.
// Run: node build/generate-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
// Palette PNG: index 0 is transparent (the tile's rounded corners), so the file stays tiny.
const PALETTE = [
  [0, 0, 0],
  [15, 20, 26], // tile, the dark window background
  [46, 160, 103], // healthy bar
  [222, 160, 40], // warning bar
  [120, 134, 150], // baseline
];

const TILE_RADIUS = 96;
const bars = [
  { x0: 120, x1: 188, top: 200, colour: 2 },
  { x0: 222, x1: 290, top: 300, colour: 3 },
  { x0: 324, x1: 392, top: 140, colour: 2 },
];

function insideTile(x, y) {
  const cx = Math.min(Math.max(x, TILE_RADIUS), SIZE - 1 - TILE_RADIUS);
  const cy = Math.min(Math.max(y, TILE_RADIUS), SIZE - 1 - TILE_RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= TILE_RADIUS ** 2;
}

function pixel(x, y) {
  if (!insideTile(x, y)) return 0;
  if (y >= 392 && y < 408 && x >= 100 && x < 412) return 4;
  const bar = bars.find((b) => x >= b.x0 && x < b.x1 && y >= b.top && y < 392);
  return bar ? bar.colour : 1;
}

function crc32(buf) {
  let crc = ~0;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function iconPng() {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 3, 0, 0, 0], 8); // 8-bit depth, palette colour, deflate, no filter set, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE + 1));
  for (let y = 0; y < SIZE; y++) {
    rows[y * (SIZE + 1)] = 0; // filter type None
    for (let x = 0; x < SIZE; x++) rows[y * (SIZE + 1) + 1 + x] = pixel(x, y);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(PALETTE.flat())),
    chunk('tRNS', Buffer.from([0])),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
  writeFileSync(out, iconPng());
  console.log(`wrote ${out}`);
}
