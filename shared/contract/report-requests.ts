import { z } from 'zod';
import { lazySchemas } from './lazy-schemas';
import { REPORT_REQUEST_NAMES } from './report-names';

const epochMs = z.number().int().min(0);
/** The longest range a report or bundle covers: the longest history kept by default is 30 days, so 90 covers any setting short of a year's. */
export const MAX_REPORT_RANGE_MS = 90 * 86_400_000;

/** A time range (epoch ms, both ends included) and the reader's IANA time zone for the report's times. */
const reportRangeArgs = z
  .object({ from: epochMs, to: epochMs, timeZone: z.string().min(1).max(100).optional() })
  .strict()
  .refine((r) => r.to > r.from, { message: 'to must be after from', path: ['to'] })
  .refine((r) => r.to - r.from <= MAX_REPORT_RANGE_MS, { message: 'a report covers at most 90 days', path: ['from'] });

/** A file to save: its suggested name and, for binary files, its bytes as base64 (both transports carry JSON). */
const fileResult = z.object({ fileName: z.string(), base64: z.string() });

/** Schemas of the report requests, one entry per name in `REPORT_REQUEST_NAMES`. */
export const reportRequestSchemas = lazySchemas(
  REPORT_REQUEST_NAMES,
  () =>
    ({
      /** The incident report of a range as one self-contained HTML page (inline CSS and SVG, no script). */
      getIncidentReport: { args: reportRangeArgs, result: z.object({ fileName: z.string(), html: z.string() }) },
      /** The same report as PDF: the desktop's printToPDF, or Chromium's print-to-PDF where browser mode runs. */
      getIncidentReportPdf: { args: reportRangeArgs, result: fileResult },
      /** A zip for support: snapshot, events, audit log and history of the range (CSV and JSON), the config without secrets, Fleetscope's log. */
      getSupportBundle: { args: reportRangeArgs, result: fileResult },
    }) as const satisfies Record<(typeof REPORT_REQUEST_NAMES)[number], { args: z.ZodType; result: z.ZodType }>,
);
