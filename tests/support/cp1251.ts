/**
 * Text in Windows-1251, as a Russian Excel saves a CSV: the test's own encoder (Node decodes
 * windows-1251 but encodes only UTF-8). Covers ASCII, А–я, Ё/ё, №, « » and the dashes; anything else throws.
 */
const EXTRA: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '№': 0xb9, '«': 0xab, '»': 0xbb, '–': 0x96, '—': 0x97 };

export function encodeCp1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (EXTRA[char] !== undefined) bytes.push(EXTRA[char]);
    else throw new Error(`no Windows-1251 byte for ${char}`);
  }
  return Buffer.from(bytes);
}
