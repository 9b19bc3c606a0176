import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { ConfigError, DocumentKey, KeyRing, kekIdOf, loadKeyRingSettings, orgScope, SealingError } from '../../src';

/*
 * The sealing formats against the standards they claim, read by an implementation written here
 * from the RFCs alone (RFC 5869 HKDF, RFC 3394 AES key wrap, RFC 7516/7518 JWE), each primitive
 * first held to its RFC's published vector: what the historical archive or any JOSE library
 * given the key will do with our ciphertexts.
 */

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const b64url = (s: string) => Buffer.from(s, 'base64url');

/** RFC 5869, section 2, with HMAC-SHA256. */
function hkdf(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = createHmac('sha256', prk).update(Buffer.concat([previous, info, Buffer.from([i])])).digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** RFC 3394 unwrap with the default IV, as OpenSSL's id-aes256-wrap implements it. */
function aesKeyUnwrap(kek: Buffer, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('id-aes256-wrap', kek, hex('A6A6A6A6A6A6A6A6'));
  return Buffer.concat([decipher.update(wrapped), decipher.final()]);
}

/** RFC 7516 section 5.2 for A256GCM: the AAD is the ASCII of the encoded protected header. */
function openCompactJwe(jwe: string, cek: Buffer): { header: Record<string, unknown>; plaintext: Buffer; encryptedKey: Buffer } {
  const [header, encryptedKey, iv, ciphertext, tag] = jwe.split('.') as [string, string, string, string, string];
  const decipher = createDecipheriv('aes-256-gcm', cek, b64url(iv));
  decipher.setAAD(Buffer.from(header, 'ascii'));
  decipher.setAuthTag(b64url(tag));
  const plaintext = Buffer.concat([decipher.update(b64url(ciphertext)), decipher.final()]);
  return { header: JSON.parse(b64url(header).toString()) as Record<string, unknown>, plaintext, encryptedKey: b64url(encryptedKey) };
}

const MASTER = Buffer.alloc(32, 3);
const ring = new KeyRing({ masters: new Map([['k1', MASTER]]), current: 'k1' });

describe('the independent reader holds to the RFC vectors', () => {
  it('HKDF-SHA256: RFC 5869 test case 1', () => {
    const okm = hkdf(hex('0b'.repeat(22)), hex('000102030405060708090a0b0c'), hex('f0f1f2f3f4f5f6f7f8f9'), 42);
    expect(okm.toString('hex')).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });

  it('AES key wrap: RFC 3394 section 4.6 (256 bits of key data, 256-bit KEK)', () => {
    const kek = hex('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F');
    const wrapped = hex('28C9F404C4B810F4 CBCCB35CFB87F826 3F5786E2D80ED326 CBC7F0E71A99F43B FB988B9B7A02DD21');
    expect(aesKeyUnwrap(kek, wrapped).toString('hex')).toBe('00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f');
    const cipher = createCipheriv('id-aes256-wrap', kek, hex('A6A6A6A6A6A6A6A6'));
    expect(Buffer.concat([cipher.update(aesKeyUnwrap(kek, wrapped)), cipher.final()]).equals(wrapped)).toBe(true);
  });
});

describe('sealed data as the standards read it', () => {
  it('a wrapped data key opens with the organisation KEK derived by RFC 5869 from the master', async () => {
    const key = DocumentKey.generate('doc-1');
    const { wrappedKey } = await key.sealingFor(ring, 'BS-TL-DU');
    const orgKek = hkdf(MASTER, Buffer.from('vanthu-kek'), Buffer.from('org:BS-TL-DU'), 32);
    const jwe = openCompactJwe(wrappedKey, aesKeyUnwrap(orgKek, b64url(wrappedKey.split('.')[1]!)));
    expect(jwe.header).toEqual({ alg: 'A256KW', enc: 'A256GCM', kid: 'k1/org:BS-TL-DU', ctx: 'document:doc-1' });
    expect(jwe.plaintext.equals(Buffer.from(key.exportRaw()))).toBe(true);
  });

  it('a sealed text and a sealed file open with the data key alone (dir + A256GCM), naming their document', async () => {
    const key = DocumentKey.generate('doc-2');
    const text = openCompactJwe(await key.seal('Tuyệt mật: nội dung'), Buffer.from(key.exportRaw()));
    expect(text.header).toEqual({ alg: 'dir', enc: 'A256GCM', ctx: 'document:doc-2' });
    expect(text.encryptedKey.length).toBe(0);
    expect(text.plaintext.toString()).toBe('Tuyệt mật: nội dung');
    const file = openCompactJwe((await key.sealBytes(Buffer.from('%PDF-1.7 ...'))).toString('ascii'), Buffer.from(key.exportRaw()));
    expect(file.plaintext.toString()).toBe('%PDF-1.7 ...');
  });

  it('never seals the same text to the same bytes', async () => {
    const key = DocumentKey.generate('doc-3');
    expect(await key.seal('same')).not.toBe(await key.seal('same'));
  });
});

describe('the key ring', () => {
  it('refuses a wrapped key or a sealed value moved to another document', async () => {
    const key = DocumentKey.generate('doc-a');
    const sealing = await key.sealingFor(ring, 'BS-TU');
    await expect(DocumentKey.open(ring, 'doc-b', sealing)).rejects.toThrow(SealingError);
    const other = await DocumentKey.open(ring, 'doc-a', sealing);
    const sealed = await key.seal('x');
    expect(await other.open(sealed)).toBe('x');
    await expect(DocumentKey.generate('doc-b').open(sealed)).rejects.toThrow(SealingError);
  });

  it('reads what an older master wrapped after a rotation, and re-wraps it under the new one', async () => {
    const key = DocumentKey.generate('doc-r');
    const old = await key.sealingFor(ring, 'BS-TU');
    const rotated = new KeyRing({ masters: new Map([['k1', MASTER], ['k2', Buffer.alloc(32, 4)]]), current: 'k2' });
    expect(kekIdOf((await key.sealingFor(rotated, 'BS-TU')).wrappedKey)).toBe('k2/org:BS-TU');
    const rewrapped = await rotated.rewrap(old.wrappedKey, 'document:doc-r', orgScope('BS-TU'));
    expect(kekIdOf(rewrapped)).toBe('k2/org:BS-TU');
    const newOnly = new KeyRing({ masters: new Map([['k2', Buffer.alloc(32, 4)]]), current: 'k2' });
    expect((await DocumentKey.open(newOnly, 'doc-r', { wrappedKey: rewrapped })).exportRaw()).toEqual(key.exportRaw());
    await expect(DocumentKey.open(newOnly, 'doc-r', old)).rejects.toThrow('k1/org:BS-TU is not configured');
  });

  it('takes its masters from the environment, and refuses the development key in production', () => {
    const k = (byte: number) => Buffer.alloc(32, byte).toString('base64');
    expect(loadKeyRingSettings({ VANTHU_KEKS: `a:${k(1)},b:${k(2)}`, VANTHU_KEK_CURRENT: 'b' }).current).toBe('b');
    expect(loadKeyRingSettings({}).current).toBe('dev-2026');
    expect(() => loadKeyRingSettings({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadKeyRingSettings({ NODE_ENV: 'production', VANTHU_KEKS: `dev-2026:${k(1)}` })).toThrow(/development key/);
    expect(() => loadKeyRingSettings({ VANTHU_KEKS: `a:${k(1)},b:${k(2)}` })).toThrow(/VANTHU_KEK_CURRENT/);
    expect(() => loadKeyRingSettings({ VANTHU_KEKS: 'a:c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});
