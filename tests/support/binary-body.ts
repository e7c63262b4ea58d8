import type { Response } from 'superagent';

/** A superagent parser that keeps the body as bytes (`.buffer(true).parse(binaryBody)`): PDF, DOCX, XLSX. */
export function binaryBody(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
