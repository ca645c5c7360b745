// The part of buffer-crc32 (yazl's CRC-32) that lib/export/zip.ts replaces.
declare module "buffer-crc32" {
  type Crc32 = {
    (data: Buffer | string, previous?: number): Buffer;
    unsigned(data: Buffer, previous?: number): number;
  };
  const crc32: Crc32;
  export default crc32;
}
