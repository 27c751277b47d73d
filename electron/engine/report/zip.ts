import { ZipFile } from 'yazl';

/** Files as one zip (deflated), with a fixed time so the same files make the same bytes. */
export function zipFiles(files: ReadonlyArray<{ name: string; text: string }>, mtime: Date): Promise<Buffer> {
  const zip = new ZipFile();
  for (const f of files) zip.addBuffer(Buffer.from(f.text, 'utf8'), f.name, { mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
