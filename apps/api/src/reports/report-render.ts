import type { ExerciseReport, ReportFormat } from '@excon/contracts';
import { renderReportCsv } from './report-csv';
import { renderReportDocx } from './report-docx';
import { renderReportPdf } from './report-pdf';

/** The bytes of a report in one format: JSON as Express would have written it, CSV, or PDF. */
export async function renderReport(report: ExerciseReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(JSON.stringify(report), 'utf8');
    case 'csv':
      return renderReportCsv(report);
    case 'pdf':
      return renderReportPdf(report);
    case 'docx':
      return renderReportDocx(report);
  }
}
