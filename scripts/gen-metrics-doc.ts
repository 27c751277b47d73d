// Writes docs/metrics.md from the metric catalog: node --import tsx scripts/gen-metrics-doc.ts
import { writeFileSync } from 'node:fs';
import { renderMetricsDoc } from '../electron/engine/metrics/metrics-doc';

writeFileSync(new URL('../docs/metrics.md', import.meta.url), await renderMetricsDoc());
process.stdout.write('docs/metrics.md written.\n');
