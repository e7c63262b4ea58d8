import type { Ministry } from '@excon/domain';

export interface DemoCommandPost {
  code: string;
  name: string;
  memberState: string;
  ministry: Ministry;
  timeZone: string;
}

/** The member states of ../shared/DOMAIN.md, each with a defence and an emergency command post, and the CRC duty shift. */
const STATES: { iso: string; zone: string; defense: string; emergency: string }[] = [
  { iso: 'AM', zone: 'Asia/Yerevan', defense: 'Armenia, Ministry of Defence', emergency: 'Armenia, Ministry of Emergency Situations' },
  { iso: 'BY', zone: 'Europe/Minsk', defense: 'Belarus, Ministry of Defence', emergency: 'Belarus, Ministry for Emergency Situations' },
  { iso: 'KZ', zone: 'Asia/Almaty', defense: 'Kazakhstan, Ministry of Defence', emergency: 'Kazakhstan, Ministry for Emergency Situations' },
  { iso: 'KG', zone: 'Asia/Bishkek', defense: 'Kyrgyzstan, Ministry of Defence', emergency: 'Kyrgyzstan, Ministry of Emergency Situations' },
  { iso: 'RU', zone: 'Europe/Moscow', defense: 'Russia, Ministry of Defence', emergency: 'Russia, EMERCOM' },
  { iso: 'TJ', zone: 'Asia/Dushanbe', defense: 'Tajikistan, Ministry of Defence', emergency: 'Tajikistan, Committee of Emergency Situations' },
];

export const DEMO_COMMAND_POSTS: DemoCommandPost[] = [
  ...STATES.flatMap((s) => [
    { code: `${s.iso}-MOD`, name: `${s.defense}, command post`, memberState: s.iso, ministry: 'defense' as const, timeZone: s.zone },
    { code: `${s.iso}-MES`, name: `${s.emergency}, command post`, memberState: s.iso, ministry: 'emergency' as const, timeZone: s.zone },
  ]),
  { code: 'CRC-DUTY', name: 'Crisis Response Center, duty shift', memberState: 'RU', ministry: 'crc', timeZone: 'Europe/Moscow' },
];

/** Every demo login shares this password; the README lists the logins. */
export const DEMO_PASSWORD = 'excon-demo';

export const DEMO_STAFF = [
  { username: 'controller', displayName: 'EXCON controller', role: 'controller' as const },
  { username: 'evaluator', displayName: 'Evaluator', role: 'evaluator' as const },
  { username: 'reviewer', displayName: 'After-action reviewer', role: 'reviewer' as const },
];

/** `op-kz-mes` for the KZ-MES post, and so on. */
export function operatorUsername(commandPostCode: string): string {
  return `op-${commandPostCode.toLowerCase()}`;
}
