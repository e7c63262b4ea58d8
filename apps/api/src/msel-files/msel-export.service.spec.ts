import { attachment } from './msel-export.service';

describe('attachment', () => {
  it('gives an ASCII file name for old clients and the title itself in filename*', () => {
    expect(attachment('Flood «Ishim» 2027', 'xlsx')).toBe(
      `attachment; filename="Flood-Ishim-2027.xlsx"; filename*=UTF-8''${encodeURIComponent('Flood «Ishim» 2027.xlsx')}`,
    );
  });

  it('falls back to "msel" when the title has no ASCII letter or digit', () => {
    expect(attachment('Паводок — весна', 'csv')).toMatch(/^attachment; filename="msel\.csv"; filename\*=UTF-8''%D0%9F/);
  });
});
