import type {
  DutyMessage,
  AdHocInjectRequest,
  AuditEventView,
  CommandPostView,
  PostGroupView,
  CreateExerciseRequest,
  DeliveryView,
  ExerciseInjectView,
  ExerciseSummaryView,
  ExerciseView,
  ImportInspectView,
  ImportPresetView,
  ImportPreviewView,
  InjectInput,
  InjectView,
  AttachmentView,
  LoginRequest,
  LoginResponse,
  ScenarioSummaryView,
  ScenarioView,
  StartExerciseRequest,
  UpdateExerciseRequest,
  UserView,
} from '@excon/contracts';
import type { Language, MselImportOptions, Objective } from '@excon/domain';
import { download, fetchFile, request, upload } from './client';

const id = (value: string) => encodeURIComponent(value);

/** The inject whose files are edited: of a scenario, or of an exercise. */
export type AttachmentOwner = { scenarioId: string; injectId: string } | { exerciseId: string; injectId: string };

function attachmentsPath(owner: AttachmentOwner): string {
  const parent = 'scenarioId' in owner ? `scenarios/${id(owner.scenarioId)}` : `exercises/${id(owner.exerciseId)}`;
  return `/api/${parent}/injects/${id(owner.injectId)}/attachments`;
}

export interface ScenarioMetaInput {
  title: string;
  description?: string;
  language?: Language;
  objectives?: Objective[];
}

/** `zip`: the MSEL with its injects' files. */
export type ExportFormat = 'xlsx' | 'csv' | 'json' | 'zip';
export type ReportFormat = 'json' | 'csv' | 'pdf';
export type InjectControl = 'fire' | 'hold' | 'release' | 'skip';
export type ExerciseControl = 'pause' | 'resume' | 'stop';

/** The REST API of CONTRACT.md, typed by the contracts library. */
export const api = {
  login: (body: LoginRequest) => request<LoginResponse>('POST', '/api/auth/login', body),
  me: () => request<UserView>('GET', '/api/users/me'),
  updateMe: (body: { language?: Language; displayName?: string }) => request<UserView>('PATCH', '/api/users/me', body),

  /** Sets the cookie that lets this browser open /admin/queues (admins only). */
  openQueueDashboard: () => request<void>('POST', '/api/queue-dashboard/session'),

  commandPosts: () => request<CommandPostView[]>('GET', '/api/command-posts'),
  postGroups: () => request<PostGroupView[]>('GET', '/api/post-groups'),

  scenarios: () => request<ScenarioSummaryView[]>('GET', '/api/scenarios'),
  scenario: (scenarioId: string) => request<ScenarioView>('GET', `/api/scenarios/${id(scenarioId)}`),
  createScenario: (body: ScenarioMetaInput & { injects: InjectInput[] }) => request<ScenarioView>('POST', '/api/scenarios', body),
  updateScenario: (scenarioId: string, body: Partial<ScenarioMetaInput>) => request<ScenarioView>('PATCH', `/api/scenarios/${id(scenarioId)}`, body),
  deleteScenario: (scenarioId: string) => request<void>('DELETE', `/api/scenarios/${id(scenarioId)}`),
  addInject: (scenarioId: string, body: InjectInput) => request<InjectView>('POST', `/api/scenarios/${id(scenarioId)}/injects`, body),
  updateInject: (scenarioId: string, injectId: string, body: Partial<InjectInput>) =>
    request<InjectView>('PATCH', `/api/scenarios/${id(scenarioId)}/injects/${id(injectId)}`, body),
  deleteInject: (scenarioId: string, injectId: string) => request<void>('DELETE', `/api/scenarios/${id(scenarioId)}/injects/${id(injectId)}`),

  /** What an MSEL file holds (sheets, header row, columns and the proposed mapping); nothing is read as injects yet. */
  inspectImport: (file: File, options: MselImportOptions) =>
    upload<ImportInspectView>('/api/scenarios/import/inspect', { file, options: JSON.stringify(options) }),
  /** The scenario an import would create, or a 400 naming every bad cell; nothing is written. */
  previewImport: (file: File, options: MselImportOptions) =>
    upload<ImportPreviewView>('/api/scenarios/import?dryRun=true', { file, options: JSON.stringify(options) }),
  /** Imports the file as a new scenario, or as a new version of `options.scenarioId`. */
  importScenario: (file: File, options: MselImportOptions) =>
    upload<ScenarioView>('/api/scenarios/import', { file, options: JSON.stringify(options) }),
  importPresets: () => request<ImportPresetView[]>('GET', '/api/import-presets'),
  /** Saves a named mapping; a preset of the same name is replaced. */
  saveImportPreset: (name: string, options: MselImportOptions) => request<ImportPresetView>('POST', '/api/import-presets', { name, options }),
  deleteImportPreset: (presetId: string) => request<void>('DELETE', `/api/import-presets/${id(presetId)}`),
  downloadScenario: (scenarioId: string, format: ExportFormat) =>
    download(`/api/scenarios/${id(scenarioId)}/export?format=${format}`, `excon-msel-${scenarioId}.${format}`),

  /** Attaches a file to a scenario inject (`exerciseId` given: to a not yet fired inject of that exercise). */
  attach: (owner: AttachmentOwner, file: File) => upload<AttachmentView>(`${attachmentsPath(owner)}`, { file }),
  detach: (owner: AttachmentOwner, attachmentId: string) => request<void>('DELETE', `${attachmentsPath(owner)}/${id(attachmentId)}`),
  attachmentFile: (attachmentId: string) => fetchFile(`/api/attachments/${id(attachmentId)}`),
  /** An image's small preview (WebP, at most 320 × 240). */
  attachmentThumbnail: (attachmentId: string) => fetchFile(`/api/attachments/${id(attachmentId)}/thumbnail`),
  downloadAttachment: (attachmentId: string, name: string) => download(`/api/attachments/${id(attachmentId)}`, name),

  exercises: () => request<ExerciseSummaryView[]>('GET', '/api/exercises'),
  exercise: (exerciseId: string) => request<ExerciseView>('GET', `/api/exercises/${id(exerciseId)}`),
  createExercise: (body: CreateExerciseRequest) => request<ExerciseView>('POST', '/api/exercises', body),
  updateExercise: (exerciseId: string, body: UpdateExerciseRequest) => request<ExerciseView>('PATCH', `/api/exercises/${id(exerciseId)}`, body),
  startExercise: (exerciseId: string, body: StartExerciseRequest = {}) =>
    request<ExerciseView>('POST', `/api/exercises/${id(exerciseId)}/start`, body),
  controlExercise: (exerciseId: string, action: ExerciseControl) => request<ExerciseView>('POST', `/api/exercises/${id(exerciseId)}/${action}`),
  addAdHocInject: (exerciseId: string, body: AdHocInjectRequest) =>
    request<ExerciseInjectView>('POST', `/api/exercises/${id(exerciseId)}/injects`, body),
  controlInject: (exerciseId: string, injectId: string, action: InjectControl) =>
    request<ExerciseInjectView>('POST', `/api/exercises/${id(exerciseId)}/injects/${id(injectId)}/${action}`),
  retimeInject: (exerciseId: string, injectId: string, offsetSeconds: number) =>
    request<ExerciseInjectView>('POST', `/api/exercises/${id(exerciseId)}/injects/${id(injectId)}/retime`, { offsetSeconds }),
  deliveries: (exerciseId: string) => request<DeliveryView[]>('GET', `/api/exercises/${id(exerciseId)}/deliveries`),
  /** The exercise's duty messages so far (staff: every channel; an operator: its own and the broadcast). */
  dutyMessages: (exerciseId: string) => request<DutyMessage[]>('GET', `/api/exercises/${id(exerciseId)}/duty-messages`),
  audit: (exerciseId: string) => request<AuditEventView[]>('GET', `/api/exercises/${id(exerciseId)}/audit`),
  downloadReport: (exerciseId: string, format: ReportFormat) =>
    download(`/api/exercises/${id(exerciseId)}/report?format=${format}`, `excon-report-${exerciseId}.${format}`),
};
