import type { EngineOptions } from '../../electron/engine/engine';

/**
 * A request budget that back-to-back polls do not drain. The engine's default (30 requests an
 * origin, 4 more a second) is for 15 s polls; a test that triggers a poll per case emptied it after a
 * few cases, and each poll then waited ≈ 4 s for tokens (fault-speed: 100 → 30 s, the failure matrix
 * 50 → 16 s). For tests that check something other than the budget.
 */
export const BACK_TO_BACK_BUDGET: NonNullable<EngineOptions['requestBudget']> = { capacity: 1_000, perSecond: 1_000 };
