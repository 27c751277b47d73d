// Child of config-kill.test.ts: writes two configs in turn, forever, until killed, saying after each write that it wrote.
import { writeConfigFile } from '../../../electron/engine/config/write-config';

const [path, ...marks] = process.argv.slice(2);
const big = (mark: string) => ({
  pollIntervalSeconds: 15,
  primaries: Array.from({ length: 200 }, (_, i) => ({
    id: `p${i}`,
    name: `${mark} primary ${i}`,
    baseUrl: `https://bb${i}.example.com`,
    read: { token: '${env:BB_READ}' },
  })),
});
async function main(): Promise<void> {
  for (let n = 0; ; n++) {
    await writeConfigFile(path!, big(marks[n % marks.length]!));
    process.stdout.write(`wrote ${n}\n`);
  }
}
void main();
