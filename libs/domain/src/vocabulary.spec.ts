import { ISO_COUNTRY_CODES, isIanaTimeZone } from './vocabulary';

describe('vocabulary', () => {
  it('knows the member states of the CRC', () => {
    for (const code of ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ']) expect(ISO_COUNTRY_CODES.has(code)).toBe(true);
    expect(ISO_COUNTRY_CODES.has('XX')).toBe(false);
    expect(ISO_COUNTRY_CODES.has('ru')).toBe(false);
  });

  it('accepts IANA zones and refuses anything else', () => {
    for (const zone of ['Europe/Moscow', 'Asia/Almaty', 'Asia/Bishkek', 'UTC']) expect(isIanaTimeZone(zone)).toBe(true);
    for (const zone of ['Moscow', 'GMT+3', 'Europe/Atlantis', '']) expect(isIanaTimeZone(zone)).toBe(false);
  });
});
