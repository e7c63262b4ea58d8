import type { BilingualNames, Ministry } from '@excon/domain';

const RU_REGIONS = new Intl.DisplayNames(['ru'], { type: 'region' });
const EN_REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });

/** A member state's name in both languages from the runtime's CLDR data (KZ → Казахстан / Kazakhstan). */
export function memberStateNames(code: string): BilingualNames {
  return { ru: RU_REGIONS.of(code) ?? code, en: EN_REGIONS.of(code) ?? code };
}

const MINISTRY_KIND_NAMES: Record<Ministry, BilingualNames> = {
  defense: { ru: 'Министерство обороны', en: 'Ministry of Defence' },
  emergency: { ru: 'Министерство по чрезвычайным ситуациям', en: 'Ministry for Emergency Situations' },
  crc: { ru: 'Центр кризисного реагирования', en: 'Crisis Response Center' },
};

/** The name a ministry gets when a v1 request names only its state and kind (the admin can rename it). */
export function ministryNames(kind: Ministry): BilingualNames {
  return { ...MINISTRY_KIND_NAMES[kind] };
}
