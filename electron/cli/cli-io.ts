import { USAGE } from './usage';

export const warn = (m: string): void => void process.stderr.write(`warning: ${m}\n`);

export function help(): number {
  process.stdout.write(`${USAGE}\n`);
  return 0;
}

export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
