// Child of history-kill.test.ts: records polls as fast as it can and says after each commit
// how many it has committed, until killed.
import { openHistoryStore } from '../../../electron/engine/store/history-store';

const [path, startArg] = process.argv.slice(2);
const store = openHistoryStore({ path: path! });
let n = Number(startArg);
function tick(): void {
  for (let i = 0; i < 20; i++) {
    n++;
    store.recordPoll({ targetId: 'p', at: n, status: 'up', durationMs: 5, error: null, figures: { 'repos.total': n, 'nodes.up': 3 } });
    process.stdout.write(`committed ${n}\n`);
  }
  setImmediate(tick);
}
tick();
