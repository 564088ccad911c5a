export { csvField, csvRecord, parseCsv } from './csv.js';
export { reportRowsOfRun, REPORT_STATUSES, type ReportRow, type ReportStatus } from './ledger-rows.js';
export { runSummary, type RunSummary } from './summary.js';
export { writeReports, CSV_COLUMNS, type WrittenReports } from './write-reports.js';
export {
  verificationReport,
  writeVerificationReports,
  MISMATCH_COLUMNS,
  type VerificationReport,
} from './verification.js';
export { urlMapCsv, writeUrlMap, URL_MAP_COLUMNS } from './url-map.js';
