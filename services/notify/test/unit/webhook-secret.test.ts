import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_SECRET_KEK, loadWebhookConfig } from '../../src/config';
import { endpointView } from '../../src/webhooks/endpoints';
import { openSecret, sealSecret } from '../../src/webhooks/sealed-secret';
import { newSecret } from '../../src/webhooks/signature';

describe('webhook secrets sealed at rest', () => {
  const kek = randomBytes(32);
  const secret = newSecret();

  it('opens with the same KEK and binding, and only with them', () => {
    const sealed = sealSecret(secret, kek, 'org:wh_1');
    expect(JSON.stringify(sealed)).not.toContain(secret.slice('whsec_'.length));
    expect(openSecret(sealed, kek, 'org:wh_1')).toBe(secret);
    expect(() => openSecret(sealed, randomBytes(32), 'org:wh_1')).toThrow();
    expect(() => openSecret(sealed, kek, 'org:wh_2')).toThrow();
    const tampered = { ...sealed, data: Buffer.from(Buffer.from(sealed.data, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64') };
    expect(() => openSecret(tampered, kek, 'org:wh_1')).toThrow();
  });

  it('seals each time with a fresh IV', () => {
    expect(sealSecret(secret, kek, 'b').data).not.toBe(sealSecret(secret, kek, 'b').data);
  });

  it('never shows the sealed form, and the secret only when asked', () => {
    const endpoint = { id: 'wh_1', url: 'https://erp.example/h', eventTypes: [], enabled: true, createdAt: '', createdBy: 'a', sealedSecret: sealSecret(secret, kek, 'b') };
    expect(endpointView(endpoint, 'BS-TU', true)).not.toHaveProperty('sealedSecret');
    expect(endpointView({ ...endpoint, secret }, 'BS-TU', true)).toHaveProperty('secret', secret);
    expect(endpointView({ ...endpoint, secret }, 'BS-TU')).not.toHaveProperty('secret');
  });
});

describe('webhook configuration', () => {
  const kek = randomBytes(32).toString('base64');

  it('has a development KEK and no allow-list by default', () => {
    expect(loadWebhookConfig({})).toEqual({ secretKek: Buffer.from(DEVELOPMENT_SECRET_KEK, 'base64'), allowHosts: [] });
  });

  it('refuses production without a KEK of its own', () => {
    expect(() => loadWebhookConfig({ NODE_ENV: 'production' })).toThrow(/NOTIFY_SECRET_KEK is required in production/);
    expect(() => loadWebhookConfig({ NODE_ENV: 'production', NOTIFY_SECRET_KEK: DEVELOPMENT_SECRET_KEK })).toThrow(/must not be the development default/);
    expect(loadWebhookConfig({ NODE_ENV: 'production', NOTIFY_SECRET_KEK: kek }).secretKek).toEqual(Buffer.from(kek, 'base64'));
  });

  it('refuses a KEK of the wrong size and a malformed allow-list, naming the variable', () => {
    expect(() => loadWebhookConfig({ NOTIFY_SECRET_KEK: randomBytes(16).toString('base64') })).toThrow(/NOTIFY_SECRET_KEK must be 32 bytes/);
    expect(() => loadWebhookConfig({ NOTIFY_WEBHOOK_ALLOW_HOSTS: 'localhost:0' })).toThrow(/NOTIFY_WEBHOOK_ALLOW_HOSTS/);
    expect(loadWebhookConfig({ NOTIFY_WEBHOOK_ALLOW_HOSTS: '127.0.0.1:4010,localhost' }).allowHosts).toHaveLength(2);
  });
});
