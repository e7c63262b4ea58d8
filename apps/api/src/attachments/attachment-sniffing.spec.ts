import JSZip from 'jszip';
import { identifyAttachment } from './attachment-sniffing';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

async function zip(entries: Record<string, string>): Promise<Buffer> {
  const archive = new JSZip();
  for (const [name, text] of Object.entries(entries)) archive.file(name, text);
  return archive.generateAsync({ type: 'nodebuffer' });
}

describe('identifyAttachment', () => {
  it('accepts a file whose bytes are what its extension says, with the type from the table', async () => {
    expect(await identifyAttachment('map.png', PNG)).toEqual({ ok: true, contentType: 'image/png' });
    expect(await identifyAttachment('Order 17.PDF', PDF)).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(await identifyAttachment('scene.jpeg', JPEG)).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(await identifyAttachment('scene.jpg', JPEG)).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(await identifyAttachment('notes.txt', Buffer.from('Паводок: уровень 4,2 м\r\n\tдамба держит'))).toEqual({
      ok: true,
      contentType: 'text/plain',
    });
  });

  it('refuses bytes of another kind than the name claims', async () => {
    const refused = await identifyAttachment('map.png', PDF);
    expect(refused).toEqual({ ok: false, message: '«map.png» claims to be image/png but holds application/pdf' });
    expect((await identifyAttachment('order.pdf', PNG)).ok).toBe(false);
    expect(await identifyAttachment('payload.pdf', Buffer.from('<script>alert(1)</script>'))).toEqual({
      ok: false,
      message: '«payload.pdf» claims to be application/pdf but holds unrecognised content',
    });
  });

  it('refuses kinds an inject may not carry, and names without an extension', async () => {
    for (const name of ['setup.exe', 'page.html', 'image.svg', 'README']) {
      const result = await identifyAttachment(name, Buffer.from('MZ'));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain('is not a kind of file an inject may carry');
    }
  });

  it('takes text only when it is UTF-8 without control bytes', async () => {
    expect((await identifyAttachment('a.txt', Buffer.from([0xff, 0xfe, 0x41]))).ok).toBe(false);
    expect((await identifyAttachment('a.txt', Buffer.from('abc\u0000def'))).ok).toBe(false);
    expect((await identifyAttachment('a.txt', PNG)).ok).toBe(false);
  });

  it('tells an office document from any ZIP renamed after one', async () => {
    const docx = await zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await identifyAttachment('orders.docx', docx)).toEqual({
      ok: true,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect((await identifyAttachment('orders.xlsx', docx)).ok).toBe(false);
    const plain = await zip({ 'evil.js': 'x' });
    expect(await identifyAttachment('orders.docx', plain)).toEqual({ ok: false, message: '«orders.docx» is a ZIP archive, not a .docx document' });
    const odt = await zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office/>' });
    expect((await identifyAttachment('plan.odt', odt)).ok).toBe(true);
    expect((await identifyAttachment('plan.ods', odt)).ok).toBe(false);
  });
});
