import { createHmac } from 'node:crypto';
import { newSecret, signature, signedHeaders, verifySignature } from '../../src/webhooks/signature';

describe('webhook signatures (Standard Webhooks)', () => {
  const secret = newSecret();
  const body = JSON.stringify({ id: 'doc-1:7', type: 'document.issued', data: { notation: '15-NQ/TU' } });
  const now = Date.parse('2026-11-23T10:00:00Z');

  it('is HMAC-SHA256 of id.timestamp.body with the decoded secret, as a receiver recomputes it', () => {
    const headers = signedHeaders(secret, 'doc-1:7', body, now);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`doc-1:7.${headers['webhook-timestamp']}.${body}`).digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'doc-1:7', 'webhook-timestamp': String(now / 1000), 'webhook-signature': `v1,${expected}` });
    expect(verifySignature(secret, headers, body, { now })).toBe(true);
  });

  it('rejects a changed body, another secret, a stale or missing timestamp', () => {
    const headers = signedHeaders(secret, 'doc-1:7', body, now);
    expect(verifySignature(secret, headers, body.replace('15', '16'), { now })).toBe(false);
    expect(verifySignature(newSecret(), headers, body, { now })).toBe(false);
    expect(verifySignature(secret, headers, body, { now: now + 301_000 })).toBe(false);
    expect(verifySignature(secret, { ...headers, 'webhook-timestamp': 'soon' }, body, { now })).toBe(false);
    expect(verifySignature(secret, { 'webhook-id': 'doc-1:7' }, body, { now })).toBe(false);
  });

  it('accepts any of several signatures, as during a secret rotation', () => {
    const headers = signedHeaders(secret, 'doc-1:7', body, now);
    const other = signature(newSecret(), 'doc-1:7', now / 1000, body);
    expect(verifySignature(secret, { ...headers, 'webhook-signature': `${other} ${headers['webhook-signature']}` }, body, { now })).toBe(true);
  });
});
