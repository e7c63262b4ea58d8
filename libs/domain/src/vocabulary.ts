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
