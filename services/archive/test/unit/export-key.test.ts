import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@vanthu/shared';
import { loadArchiveConfig } from '../../src/config';

const rsaPem = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadArchiveConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};
const PRODUCTION = { NODE_ENV: 'production', ARCHIVE_LOG_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };

describe('the historical archive’s export key (ARCHIVE_EXPORT_PUBLIC_KEY, ARCHIVE_EXPORT_KEY_ID)', () => {
  it('outside production, generates one development key per process when none is set', () => {
    const first = loadArchiveConfig({}).exportKey;
    expect(first).toMatchObject({ development: true, keyId: expect.stringMatching(/^development-[0-9a-f]{16}$/), publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect(loadArchiveConfig({ NODE_ENV: 'test' }).exportKey).toEqual(first);
  });

  it('in production without one, has none (exports of secret packages are refused), and starts', () => {
    expect(loadArchiveConfig(PRODUCTION).exportKey).toBeUndefined();
    expect(loadArchiveConfig({ ...PRODUCTION, ARCHIVE_EXPORT_PUBLIC_KEY: '', ARCHIVE_EXPORT_KEY_ID: '' }).exportKey).toBeUndefined();
  });

  it('takes an RSA public key in PEM, with literal \\n as env files write it, and its id', () => {
    const pem = rsaPem();
    const key = loadArchiveConfig({ ...PRODUCTION, ARCHIVE_EXPORT_PUBLIC_KEY: pem.replace(/\n/g, '\\n'), ARCHIVE_EXPORT_KEY_ID: 'luu-tru-lich-su/2026-01' }).exportKey;
    expect(key).toEqual({ publicKeyPem: pem, keyId: 'luu-tru-lich-su/2026-01', development: false });
  });

  it('refuses half a setting, a key that is not RSA or too short, and an id unfit for bag-info.txt', () => {
    expect(problemsOf({ ARCHIVE_EXPORT_PUBLIC_KEY: rsaPem() })).toEqual(['ARCHIVE_EXPORT_KEY_ID: is required with ARCHIVE_EXPORT_PUBLIC_KEY']);
    expect(problemsOf({ ARCHIVE_EXPORT_KEY_ID: 'k1' })).toEqual(['ARCHIVE_EXPORT_PUBLIC_KEY: is required with ARCHIVE_EXPORT_KEY_ID']);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problemsOf({ ARCHIVE_EXPORT_PUBLIC_KEY: ec, ARCHIVE_EXPORT_KEY_ID: 'k1' })).toEqual([expect.stringContaining('must be an RSA public key')]);
    expect(problemsOf({ ARCHIVE_EXPORT_PUBLIC_KEY: rsaPem(1024), ARCHIVE_EXPORT_KEY_ID: 'k1' })).toEqual([expect.stringContaining('at least 2048 bits (it is 1024)')]);
    expect(problemsOf({ ARCHIVE_EXPORT_PUBLIC_KEY: 'not a key', ARCHIVE_EXPORT_KEY_ID: 'k1' })).toEqual([expect.stringContaining('not a public key in PEM')]);
    expect(problemsOf({ ARCHIVE_EXPORT_PUBLIC_KEY: rsaPem(), ARCHIVE_EXPORT_KEY_ID: 'k1\nForged-Tag: x' })).toEqual([expect.stringContaining('ARCHIVE_EXPORT_KEY_ID: must match')]);
  });
});
