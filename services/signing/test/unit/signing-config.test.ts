import { ConfigError } from '@vanthu/shared';
import { availableParallelism } from 'node:os';
import { DEV_KEK, loadProcessesConfig, loadSigningConfig } from '../../src/config';
import { demoEnrolmentEnabled, demoPinsEnabled } from '../../src/signing/demo-switch';
import { openKey, sealKey } from '../../src/pki/sealed-key';
import { generateKeyPairSync } from 'node:crypto';

describe('signing configuration and keys at rest', () => {
  it('refuses to start in production without a key-encryption key', () => {
    expect(() => loadSigningConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadSigningConfig({ NODE_ENV: 'production' })).toThrow(/SIGNING_KEK/);
  });

  it('uses the development key only outside production, and checks a given key is 32 bytes', () => {
    expect(loadSigningConfig({}).SIGNING_KEK.equals(Buffer.from(DEV_KEK, 'base64'))).toBe(true);
    expect(() => loadSigningConfig({ SIGNING_KEK: Buffer.alloc(16).toString('base64') })).toThrow(/32 bytes/);
    const kek = Buffer.alloc(32, 7).toString('base64');
    expect(loadSigningConfig({ NODE_ENV: 'production', SIGNING_KEK: kek }).SIGNING_KEK.toString('base64')).toBe(kek);
  });

  it('refuses the published development key in production', () => {
    expect(() => loadSigningConfig({ NODE_ENV: 'production', SIGNING_KEK: DEV_KEK })).toThrow(/published development key/);
  });

  it('seeds the demo data (PKI, development PINs) only when asked: by default outside production, never PINs in it', () => {
    const config = (env: NodeJS.ProcessEnv) => loadSigningConfig({ SIGNING_KEK: Buffer.alloc(32, 7).toString('base64'), ...env });
    expect(demoEnrolmentEnabled(config({}), {})).toBe(true);
    expect(demoEnrolmentEnabled(config({ VANTHU_DEMO_DATA: 'false' }), {})).toBe(false);
    expect(demoEnrolmentEnabled(config({ VANTHU_DEMO_DATA: 'true' }), { SIGNING_DEMO_PKI: 'off' })).toBe(false);
    expect(demoEnrolmentEnabled(config({ NODE_ENV: 'production' }), {})).toBe(false);
    expect(demoEnrolmentEnabled(config({ NODE_ENV: 'production', VANTHU_DEMO_DATA: 'true' }), {})).toBe(true);
    expect(demoPinsEnabled(config({ NODE_ENV: 'production', VANTHU_DEMO_DATA: 'true' }), {})).toBe(false);
    expect(demoPinsEnabled(config({}), {})).toBe(true);
    expect(() => config({ VANTHU_DEMO_DATA: 'yes' })).toThrow(/VANTHU_DEMO_DATA/);
  });

  it('runs one signing process per core unless SIGNING_PROCESSES says otherwise', () => {
    expect(loadProcessesConfig({}).SIGNING_PROCESSES).toBe(availableParallelism());
    expect(loadProcessesConfig({ SIGNING_PROCESSES: '1' }).SIGNING_PROCESSES).toBe(1);
    expect(() => loadProcessesConfig({ SIGNING_PROCESSES: '0' })).toThrow(/SIGNING_PROCESSES/);
    expect(() => loadProcessesConfig({ SIGNING_PROCESSES: 'two' })).toThrow(/SIGNING_PROCESSES/);
  });

  it('seals keys so that they open only with the same key and binding', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kek = Buffer.alloc(32, 1);
    const sealed = sealKey(privateKey, kek, 'serial-1');
    expect(sealed.data.includes(privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(-32))).toBe(false);
    expect(openKey(sealed, kek, 'serial-1').export({ type: 'pkcs8', format: 'der' })).toEqual(privateKey.export({ type: 'pkcs8', format: 'der' }));
    expect(() => openKey(sealed, kek, 'serial-2')).toThrow();
    expect(() => openKey(sealed, Buffer.alloc(32, 2), 'serial-1')).toThrow();
  });
});
