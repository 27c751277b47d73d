// The inventory's reader thread (bundled to dist-electron/inventory-worker.cjs): reads the pages
// of every primary's inventory walk and folds them into each walk's table, so the engine's event
// loop only receives the pages (issue 13 goal 3). A failure is answered, never thrown away.
import { parentPort } from 'node:worker_threads';
import { inventoryPages, type InventoryAnswer, type InventoryRequest } from './inventory-pages';
import { warmUpInventoryReader } from './inventory-warm-up';

const port = parentPort!;
const handle = inventoryPages();

port.on('message', (m: InventoryRequest) => {
  let reply: { answer: InventoryAnswer; transfer: ArrayBuffer[] };
  try {
    reply = handle(m);
    // The page's bytes are read (nothing here keeps a view of them): their memory goes back to be
    // filled with a later page instead of being freed here and allocated afresh there.
    if (m.type === 'page' && reply.answer.type === 'page' && m.body.buffer instanceof ArrayBuffer) {
      reply = { answer: { ...reply.answer, spare: m.body.buffer }, transfer: [...reply.transfer, m.body.buffer] };
    }
  } catch (err) {
    reply = { answer: { type: 'failed', message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
  port.postMessage(reply.answer, reply.transfer);
});

// After the listener: a page sent meanwhile waits in the port's queue until the warm-up has ended.
warmUpInventoryReader();
