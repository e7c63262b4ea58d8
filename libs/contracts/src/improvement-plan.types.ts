/**
 * The improvement plan's tracking views beyond CONTRACT.md's ImprovementActionView (evaluation.types.ts):
 * the counts per ministry and member state that the tracking screen shows on top.
 */
import type { ImprovementStatus, Ministry } from '@excon/domain';

/** `GET /api/improvement-actions/summary`: one row per (member state, ministry) of the actions the filters select. */
export interface ImprovementSummaryRow {
  /** null: actions that name no member state. */
  memberState: string | null;
  /** null: actions that name no ministry. */
  ministry: Ministry | null;
  counts: Record<ImprovementStatus, number>;
  /** Open or in progress past the due date. */
  overdue: number;
  total: number;
}

/** Query filters shared by the list, the summary and the XLSX export. */
export interface ImprovementActionFilters {
  exerciseId?: string;
  status?: ImprovementStatus;
  overdue?: boolean;
  ministry?: Ministry;
  memberState?: string;
  commandPostId?: string;
}
