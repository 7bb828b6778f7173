import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DecryptStream, EncryptStream, FileIntegrityError } from './chunked-cipher';

const CHUNK = 1024; // small chunks so that tests have many
const HEADER = 25;
const SEALED = CHUNK + 16;

async function run(input: Buffer, transform: EncryptStream | DecryptStream): Promise<Buffer> {
  const out: Buffer[] = [];
  // feed in odd-sized pieces so chunk boundaries never line up with writes
  const pieces: Buffer[] = [];
  for (let i = 0; i < input.length; i += 333) pieces.push(input.subarray(i, i + 333));
  await pipeline(
    Readable.from(pieces),
    transform,
    new Writable({
      write(c: Buffer, _e, cb) {
        out.push(c);
        cb();
      },
    }),
  );
  return Buffer.concat(out);
}

const key = randomBytes(32);
const encrypt = (plain: Buffer, id = 'file-1') => run(plain, new EncryptStream(key, id, CHUNK));
const decrypt = (sealed: Buffer, id = 'file-1', k = key) => run(sealed, new DecryptStream(k, id));

/** The sealed chunks of an encrypted file. */
function chunks(sealed: Buffer): Buffer[] {
  const list: Buffer[] = [];
  for (let i = HEADER; i < sealed.length; i += SEALED) list.push(sealed.subarray(i, i + SEALED));
  return list;
}

describe('chunked file encryption', () => {
  it.each([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK, 5 * CHUNK + 17])(
    'round-trips %i bytes',
    async (n) => {
      const plain = randomBytes(n);
      const sealed = await encrypt(plain);
      expect(sealed.length).toBe(HEADER + Math.max(1, Math.ceil(n / CHUNK)) * 16 + n);
      expect((await decrypt(sealed)).equals(plain)).toBe(true);
    },
  );

  it('does not contain the plaintext', async () => {
    const plain = Buffer.from('Hot mot handläggare på Trafikförvaltningen. '.repeat(200));
    const sealed = await encrypt(plain);
    expect(sealed.includes(Buffer.from('handläggare'))).toBe(false);
  });

  it('detects a file cut at a chunk boundary (truncation)', async () => {
    const sealed = await encrypt(randomBytes(5 * CHUNK + 17));
    const cut = sealed.subarray(0, HEADER + 3 * SEALED);
    await expect(decrypt(cut)).rejects.toThrow(FileIntegrityError);
  });

  it('detects a file cut inside a chunk and a missing final chunk', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK));
    await expect(decrypt(sealed.subarray(0, sealed.length - 5))).rejects.toThrow(
      FileIntegrityError,
    );
    await expect(decrypt(sealed.subarray(0, HEADER))).rejects.toThrow(FileIntegrityError);
    await expect(decrypt(Buffer.alloc(0))).rejects.toThrow(FileIntegrityError);
  });

  it('detects reordered, duplicated and appended chunks', async () => {
    const sealed = await encrypt(randomBytes(4 * CHUNK + 10));
    const header = sealed.subarray(0, HEADER);
    const [c0, c1, c2, c3, c4] = chunks(sealed);
    const swapped = Buffer.concat([header, c0, c2, c1, c3, c4]);
    await expect(decrypt(swapped)).rejects.toThrow(FileIntegrityError);
    const duplicated = Buffer.concat([header, c0, c1, c1, c2, c3, c4]);
    await expect(decrypt(duplicated)).rejects.toThrow(FileIntegrityError);
    const appended = Buffer.concat([sealed, c4]);
    await expect(decrypt(appended)).rejects.toThrow(FileIntegrityError);
  });

  it('detects a flipped bit, another file id, another key and a chunk from another file', async () => {
    const plain = randomBytes(2 * CHUNK + 5);
    const sealed = await encrypt(plain);
    const flipped = Buffer.from(sealed);
    flipped[HEADER + SEALED + 7] ^= 1;
    await expect(decrypt(flipped)).rejects.toThrow(FileIntegrityError);
    await expect(decrypt(sealed, 'file-2')).rejects.toThrow(FileIntegrityError);
    await expect(decrypt(sealed, 'file-1', randomBytes(32))).rejects.toThrow(FileIntegrityError);
    const other = await encrypt(plain, 'file-1');
    const mixed = Buffer.concat([
      sealed.subarray(0, HEADER + SEALED),
      chunks(other)[1],
      chunks(sealed)[2],
    ]);
    await expect(decrypt(mixed)).rejects.toThrow(FileIntegrityError);
  });

  it('refuses a header that is not Värn’s', async () => {
    const sealed = await encrypt(randomBytes(10));
    const bad = Buffer.from(sealed);
    bad.write('XXXX', 0, 'ascii');
    await expect(decrypt(bad)).rejects.toThrow(/not a Värn file/);
  });
});
