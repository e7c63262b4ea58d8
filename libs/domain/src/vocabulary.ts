/** Roles of CONTRACT.md; one spelling across the tree. */
export const ROLES = ['admin', 'controller', 'evaluator', 'operator', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see the MSEL and all traffic (everyone but command-post operators). */
export const STAFF_ROLES: readonly Role[] = ['admin', 'controller', 'evaluator', 'reviewer'];

export const MINISTRIES = ['defense', 'emergency', 'crc'] as const;
export type Ministry = (typeof MINISTRIES)[number];

/** Military message precedence, highest first: FLASH (Z) > IMMEDIATE (O) > PRIORITY (P) > ROUTINE (R). */
export const PRECEDENCES = ['flash', 'immediate', 'priority', 'routine'] as const;
export type Precedence = (typeof PRECEDENCES)[number];

/** A message to the post, or simulated media (a news article, a TV or radio bulletin, a social post) it must react to. */
export const INJECT_KINDS = ['message', 'media'] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

export const MEDIA_FORMATS = ['article', 'bulletin', 'social'] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

/** Who "publishes" a media inject: the outlet's name, the format, and optionally one of the inject's images as its logo. */
export interface MediaSource {
  outlet: string;
  format: MediaFormat;
  outletLogoAttachmentId: string | null;
}

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Limits of scenario authoring, shared by validation and the console. */
export const MSEL_LIMITS = {
  maxOffsetSeconds: 30 * 24 * 3600,
  maxDeadlineSeconds: 7 * 24 * 3600,
  refMaxLength: 32,
  titleMaxLength: 200,
  bodyMaxLength: 10_000,
  fromMaxLength: 200,
  expectedActionMaxLength: 2_000,
  controllerNotesMaxLength: 5_000,
  descriptionMaxLength: 5_000,
  objectiveTitleMaxLength: 500,
  maxInjects: 10_000,
  maxObjectives: 100,
  maxTargets: 200,
  responseMaxLength: 10_000,
} as const;

/**
 * Inject, objective and contingency refs: letters of any script (Russian MSELs number injects `В-1.2`),
 * digits, `.`, `_`, `/`, `-`; starting with a letter or digit; at most MSEL_LIMITS.refMaxLength.
 */
export const MSEL_REF_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,31}$/u;
export const MSEL_REF_RULE = 'must be 1-32 letters (of any script), digits, ".", "_", "/" or "-", starting with a letter or digit';

/** ISO 3166-1 alpha-2 codes (officially assigned). */
export const ISO_COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
    'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
    'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
    'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
    'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

let zones: ReadonlySet<string> | undefined;

/** True for a canonical IANA time-zone name known to this runtime (plus UTC). */
export function isIanaTimeZone(name: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  if (zones.has(name)) return true;
  try {
    // Accept aliases the runtime resolves (e.g. Asia/Calcutta), reject everything else.
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/');
  } catch {
    return false;
  }
}

/** A name in both languages of the installation (organisation, groups, shifts). */
export interface BilingualNames {
  ru: string;
  en: string;
}

/** The name in the reader's language, or the other one when that is empty. */
export function nameIn(names: BilingualNames, language: Language): string {
  return names[language] || names[language === 'ru' ? 'en' : 'ru'];
}

/** Why a login session ended (user_session.ended_reason). */
export const SESSION_END_REASONS = [
  'logout',
  'ended_by_user',
  'password_changed',
  'password_reset',
  'deactivated',
  'role_changed',
  'post_changed',
  'idle',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** Kinds of the year's joint-training activities (CONTRACT.md "Training plan and consultations"). */
export const PLAN_ACTIVITY_KINDS = ['joint_training', 'command_post_exercise', 'consultation', 'staff_talks', 'working_group'] as const;
export type PlanActivityKind = (typeof PLAN_ACTIVITY_KINDS)[number];

/** Where a plan activity stands; `postponed` and `cancelled` carry a reason (and postponed the new dates). */
export const PLAN_ACTIVITY_STATUSES = ['planned', 'confirmed', 'held', 'reported', 'postponed', 'cancelled'] as const;
export type PlanActivityStatus = (typeof PLAN_ACTIVITY_STATUSES)[number];

/** A participating post's answer to an invitation; `pending` until it answers. */
export const ATTENDANCE_STATUSES = ['pending', 'confirmed', 'declined'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** A document put forward at a consultation (a draft plan, a statement). */
export const PLAN_DOCUMENT_STATUSES = ['draft', 'submitted', 'agreed', 'adopted'] as const;
export type PlanDocumentStatus = (typeof PLAN_DOCUMENT_STATUSES)[number];

/** An action item of a consultation's minutes. */
export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** The zone every plan view also shows its times in (the CRC's working time). */
export const PLAN_REFERENCE_ZONE = 'Europe/Moscow';

/** A duty message's channel: a command post's id, or every post at once. */
export const BROADCAST_CHANNEL = 'broadcast';
