import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Adds the plain `N passed, N failed` line that CI reads; a run that failed outside a test counts once. */
export default class SummaryReporter implements Reporter {
  private readonly last = new Map<string, TestResult['status']>();

  onTestEnd(test: TestCase, result: TestResult): void {
    this.last.set(test.id, result.status);
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const s of this.last.values()) {
      if (s === 'passed') passed++;
      else if (s === 'skipped') skipped++;
      else failed++;
    }
    if (result.status !== 'passed' && failed === 0) failed = 1;
    process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
