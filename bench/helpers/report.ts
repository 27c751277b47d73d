/** One benchmark figure beside its bound: `name  value  (goal …)  PASS|MISS`. */
export function report(name: string, value: string, goal: string, pass: boolean): void {
  process.stdout.write(`${name.padEnd(52)} ${value.padStart(14)}   goal ${goal.padEnd(12)} ${pass ? 'PASS' : 'MISS'}\n`);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
