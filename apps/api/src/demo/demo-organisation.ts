import type { BilingualNames, Ministry } from '@excon/domain';

export interface DemoCommandPost {
  code: string;
  names: BilingualNames;
  memberState: string;
  ministry: Ministry;
  timeZone: string;
}

export interface DemoPostGroup {
  code: string;
  names: BilingualNames;
  /** Codes of the member posts. */
  postCodes: string[];
}

/** The member states of ../shared/DOMAIN.md, each with a defence and an emergency command post, and the CRC duty shift. */
const STATES: { iso: string; zone: string; centralAsia: boolean; defense: BilingualNames; emergency: BilingualNames }[] = [
  {
    iso: 'AM',
    zone: 'Asia/Yerevan',
    centralAsia: false,
    defense: { ru: 'Армения, Министерство обороны', en: 'Armenia, Ministry of Defence' },
    emergency: { ru: 'Армения, Министерство по чрезвычайным ситуациям', en: 'Armenia, Ministry of Emergency Situations' },
  },
  {
    iso: 'BY',
    zone: 'Europe/Minsk',
    centralAsia: false,
    defense: { ru: 'Беларусь, Министерство обороны', en: 'Belarus, Ministry of Defence' },
    emergency: { ru: 'Беларусь, Министерство по чрезвычайным ситуациям', en: 'Belarus, Ministry for Emergency Situations' },
  },
  {
    iso: 'KZ',
    zone: 'Asia/Almaty',
    centralAsia: true,
    defense: { ru: 'Казахстан, Министерство обороны', en: 'Kazakhstan, Ministry of Defence' },
    emergency: { ru: 'Казахстан, Министерство по чрезвычайным ситуациям', en: 'Kazakhstan, Ministry for Emergency Situations' },
  },
  {
    iso: 'KG',
    zone: 'Asia/Bishkek',
    centralAsia: true,
    defense: { ru: 'Кыргызстан, Министерство обороны', en: 'Kyrgyzstan, Ministry of Defence' },
    emergency: { ru: 'Кыргызстан, Министерство чрезвычайных ситуаций', en: 'Kyrgyzstan, Ministry of Emergency Situations' },
  },
  {
    iso: 'RU',
    zone: 'Europe/Moscow',
    centralAsia: false,
    defense: { ru: 'Россия, Министерство обороны', en: 'Russia, Ministry of Defence' },
    emergency: { ru: 'Россия, МЧС России', en: 'Russia, EMERCOM' },
  },
  {
    iso: 'TJ',
    zone: 'Asia/Dushanbe',
    centralAsia: true,
    defense: { ru: 'Таджикистан, Министерство обороны', en: 'Tajikistan, Ministry of Defence' },
    emergency: { ru: 'Таджикистан, Комитет по чрезвычайным ситуациям', en: 'Tajikistan, Committee of Emergency Situations' },
  },
];

const commandPost = (names: BilingualNames): BilingualNames => ({ ru: `${names.ru}, командный пункт`, en: `${names.en}, command post` });

export const DEMO_COMMAND_POSTS: DemoCommandPost[] = [
  ...STATES.flatMap((s) => [
    { code: `${s.iso}-MOD`, names: commandPost(s.defense), memberState: s.iso, ministry: 'defense' as const, timeZone: s.zone },
    { code: `${s.iso}-MES`, names: commandPost(s.emergency), memberState: s.iso, ministry: 'emergency' as const, timeZone: s.zone },
  ]),
  {
    code: 'CRC-DUTY',
    names: { ru: 'Центр кризисного реагирования, дежурная смена', en: 'Crisis Response Center, duty shift' },
    memberState: 'RU',
    ministry: 'crc',
    timeZone: 'Europe/Moscow',
  },
];

/** Groups an inject can target instead of listing the posts. */
export const DEMO_POST_GROUPS: DemoPostGroup[] = [
  { code: 'ALL-MES', names: { ru: 'Все посты МЧС', en: 'All emergency posts' }, postCodes: STATES.map((s) => `${s.iso}-MES`) },
  {
    code: 'CENTRAL-ASIA',
    names: { ru: 'Посты Центральной Азии', en: 'Central Asian posts' },
    postCodes: STATES.filter((s) => s.centralAsia).flatMap((s) => [`${s.iso}-MOD`, `${s.iso}-MES`]),
  },
];

/** Every demo login shares this password (it meets the password rules: 12 characters, not a common one); the README lists the logins. */
export const DEMO_PASSWORD = 'excon-demo-pass';

/** The CRC's four duty shifts; the demo roster rotates them in 12-hour watches. */
export const DEMO_DUTY_SHIFTS = (['A', 'B', 'C', 'D'] as const).map((code) => ({
  code,
  names: { ru: `Дежурная смена ${'АБВГ'['ABCD'.indexOf(code)]}`, en: `Duty shift ${code}` },
}));
export const DEMO_WATCH_HOURS = 12;
/** Watches of the demo roster: a week back and a week ahead of the first start. */
export const DEMO_WATCHES = 28;

export const DEMO_STAFF = [
  { username: 'controller', displayName: 'EXCON controller', role: 'controller' as const },
  { username: 'evaluator', displayName: 'Evaluator', role: 'evaluator' as const },
  { username: 'reviewer', displayName: 'After-action reviewer', role: 'reviewer' as const },
];

/** `op-kz-mes` for the KZ-MES post, and so on. */
export function operatorUsername(commandPostCode: string): string {
  return `op-${commandPostCode.toLowerCase()}`;
}
