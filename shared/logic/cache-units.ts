import { MAX_CACHE_TTL_SECONDS } from '../model/cache';

export const TTL_UNITS = [
  { id: 's', label: 'seconds', seconds: 1 },
  { id: 'min', label: 'minutes', seconds: 60 },
  { id: 'h', label: 'hours', seconds: 3_600 },
  { id: 'd', label: 'days', seconds: 86_400 },
] as const;
export type TtlUnit = (typeof TTL_UNITS)[number]['id'];

/** A TTL in the largest unit that divides it: 14400 → "4 h", 5400 → "90 min", 45 → "45 s". */
export function splitTtl(seconds: number): { value: number; unit: TtlUnit } {
  for (const u of [...TTL_UNITS].reverse()) {
    if (seconds >= u.seconds && seconds % u.seconds === 0) return { value: seconds / u.seconds, unit: u.id };
  }
  return { value: seconds, unit: 's' };
}

export function formatTtl(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds === 0) return '0 s (expire at once)';
  const { value, unit } = splitTtl(seconds);
  return `${value} ${unit}`;
}

export type TtlCheck = { ok: true; seconds: number } | { ok: false; message: string };

/**
 * Checks a TTL typed in human units before anything is sent: a number, whole seconds once
 * converted, not negative, at most MAX_CACHE_TTL_SECONDS.
 */
export function parseTtl(text: string, unit: TtlUnit): TtlCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter a TTL.' };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return { ok: false, message: `"${trimmed}" is not a number.` };
  const value = Number(trimmed);
  if (value < 0) return { ok: false, message: 'A TTL cannot be negative.' };
  const factor = TTL_UNITS.find((u) => u.id === unit)?.seconds ?? 1;
  const seconds = value * factor;
  // 0.1 h is 360 s exactly, but binary floating point says 360.00000000000006.
  const rounded = Math.round(seconds);
  if (Math.abs(seconds - rounded) > 1e-6) return { ok: false, message: `${trimmed} ${unit} is ${seconds.toFixed(3)} s: the TTL must be whole seconds.` };
  if (rounded > MAX_CACHE_TTL_SECONDS) {
    return { ok: false, message: `${formatTtl(rounded)} is longer than the ${formatTtl(MAX_CACHE_TTL_SECONDS)} Fleetscope allows — check the unit.` };
  }
  return { ok: true, seconds: rounded };
}
