import { useTrueAfterNextPaint } from '../components/after-paint';
import { selectFirstDataInOrLate, useFleetStore } from './fleet.store';

/**
 * A start's background work may begin in the page: the first data is in (or late,
 * `selectFirstDataInOrLate`) and the frame that drew it has been painted (`afterNextPaint`).
 */
export const useFirstDataDrawn = (): boolean => useTrueAfterNextPaint(useFleetStore(selectFirstDataInOrLate));
