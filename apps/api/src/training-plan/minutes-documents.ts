import { nameIn, type Language } from '@excon/domain';
import type { PlanActivityView } from '@excon/contracts';
import { renderOutlineDocx } from '../reports/report-docx';
import { renderOutlinePdf, systemReportFonts, type OutlinePage, type ReportFonts } from '../reports/report-pdf';
import { MINUTES_LABELS, minutesOutline, type MinutesNames } from './minutes-outline';

/**
 * What the minutes draw on every page: "Minutes"/"Протокол" and the page number in the footer, and no EXERCISE
 * marking: a consultation is real planning work between the member states, not exercise play.
 */
function minutesPage(activity: PlanActivityView, language: Language): OutlinePage {
  const labels = MINUTES_LABELS[language];
  const title = nameIn(activity.titles, language);
  return {
    title: labels.document,
    marking: '',
    footerMarking: '',
    pageNumber: labels.pageNumber,
    properties: {
      title: `${labels.document}: ${title}`,
      subject: labels.kind,
      description: `ExCon minutes of plan activity ${activity.id}, updated ${activity.updatedAt}`,
      created: new Date(activity.updatedAt),
    },
  };
}

/** The consultation's minutes (minutes-outline.ts) as an A4 PDF; `fonts` defaults to the system's DejaVu Sans. */
export async function renderMinutesPdf(
  activity: PlanActivityView,
  language: Language,
  names: MinutesNames,
  fonts: ReportFonts = systemReportFonts(),
): Promise<Buffer> {
  return renderOutlinePdf(minutesOutline(activity, language, names), minutesPage(activity, language), fonts);
}

/** The consultation's minutes (minutes-outline.ts) as a Word document. */
export async function renderMinutesDocx(activity: PlanActivityView, language: Language, names: MinutesNames): Promise<Buffer> {
  return renderOutlineDocx(minutesOutline(activity, language, names), minutesPage(activity, language));
}
