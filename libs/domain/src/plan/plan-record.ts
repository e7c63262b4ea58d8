/**
 * The stored shapes of a plan activity (CONTRACT.md "Training plan and consultations"): its participants, status
 * history and a consultation's agenda, documents and minutes. Plain types; the API sends them as they are.
 */
import type { ActionItemStatus, PlanActivityStatus, PlanDocumentStatus } from '../vocabulary';

/** Who takes part: whole member states, ministries, single posts; the invited posts are all three expanded. */
export interface PlanParticipants {
  memberStates: string[];
  ministryIds: string[];
  commandPostIds: string[];
}

/** A status change, oldest first: postponements keep the dates they moved from. */
export interface PlanStatusChange {
  status: PlanActivityStatus;
  reason: string | null;
  at: string;
  byDisplayName: string;
  /** The dates before the change (a postponement moves them). */
  previousStartAt: string;
  previousEndAt: string;
}

export interface PlanDocument {
  id: string;
  title: string;
  /** 1 for the first draft, one more for each new version put forward. */
  version: number;
  status: PlanDocumentStatus;
  updatedAt: string;
}

export interface AgendaItem {
  id: string;
  title: string;
  speakers: string[];
  /** Ids of the activity's documents put forward under this item. */
  documents: string[];
}

export interface ActionItem {
  id: string;
  text: string;
  owner: string;
  /** A calendar date, YYYY-MM-DD. */
  dueDate: string;
  status: ActionItemStatus;
}

export interface MinutesEntry {
  agendaItemId: string;
  decision: string;
  actions: ActionItem[];
}

/** The largest plan activity a request may write: what a year's plan and a two-day consultation need, with room. */
export const PLAN_LIMITS = {
  textLength: 200,
  longTextLength: 4000,
  participants: 500,
  agendaItems: 100,
  speakers: 30,
  documents: 100,
  actionsPerItem: 50,
} as const;
