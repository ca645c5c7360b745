import yauzl from "yauzl";

/** The entries of a zip archive, in order, with their bytes and the CRC-32 the archive records (tests). */
export async function unzipEntries(zip: Buffer): Promise<Array<{ name: string; crc32: number; content: Buffer }>> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const out: Array<{ name: string; crc32: number; content: Buffer }> = [];
  await new Promise<void>((resolve, reject) => {
    file.on("error", reject);
    file.on("end", () => resolve());
    file.on("entry", (entry: yauzl.Entry) => {
      file.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", reject);
        stream.on("end", () => {
          out.push({ name: entry.fileName, crc32: entry.crc32, content: Buffer.concat(chunks) });
          file.readEntry();
        });
      });
    });
    file.readEntry();
  });
  return out;
}

/** The entries of a zip archive, in order, as UTF-8 text (tests). */
export async function unzipText(zip: Buffer): Promise<Array<{ name: string; text: string }>> {
  return (await unzipEntries(zip)).map(({ name, content }) => ({ name, text: content.toString("utf8") }));
}
