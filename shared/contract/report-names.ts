/** Request names of the incident report and support bundle (issue #15). Zod-free: the preload bundles it. */
export const REPORT_REQUEST_NAMES = ['getIncidentReport', 'getIncidentReportPdf', 'getSupportBundle'] as const;
export type ReportRequestName = (typeof REPORT_REQUEST_NAMES)[number];
