import jwt from 'jsonwebtoken';
import { ACCEPTED_AUDIENCES, loadNotifyConfig } from '../../src/config';
import { DEVELOPMENT_JWT_SECRET, issueToken, verifyToken, type TokenError } from '@vanthu/shared';

describe('tokens and configuration', () => {
  const who = { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' as const };

  it('accepts the portal’s intake tokens and notify’s own', () => {
    expect(verifyToken(DEVELOPMENT_JWT_SECRET, issueToken(DEVELOPMENT_JWT_SECRET, who, 60), ACCEPTED_AUDIENCES)).toEqual(who);
    expect(verifyToken(DEVELOPMENT_JWT_SECRET, issueToken(DEVELOPMENT_JWT_SECRET, who, 60, 'vanthu-notify'), ACCEPTED_AUDIENCES)).toEqual(who);
  });

  it('refuses other audiences, other algorithms and expired tokens', () => {
    const reason = (token: string) => {
      try {
        verifyToken(DEVELOPMENT_JWT_SECRET, token, ACCEPTED_AUDIENCES);
        return 'accepted';
      } catch (error) {
        return (error as TokenError).reason;
      }
    };
    expect(reason(issueToken(DEVELOPMENT_JWT_SECRET, who, 60, 'vanthu-signing'))).toBe('token-invalid');
    expect(reason(jwt.sign({ org: 'BS-TU', role: 'clerk' }, '', { algorithm: 'none', subject: 'x', issuer: 'vanthu', audience: 'vanthu-intake' }))).toBe('token-invalid');
    expect(reason(issueToken(DEVELOPMENT_JWT_SECRET, who, -10))).toBe('token-expired');
    expect(reason(jwt.sign({ org: 'BS-TU', role: 'boss' }, DEVELOPMENT_JWT_SECRET, { subject: 'x', issuer: 'vanthu', audience: 'vanthu-intake' }))).toBe('token-invalid');
  });

  it('has development defaults, and refuses the development secret in production', () => {
    expect(loadNotifyConfig('worker', {})).toEqual({ jwtSecret: DEVELOPMENT_JWT_SECRET, mailFrom: 'Văn thư điện tử <no-reply@vanthu.local>' });
    expect(() => loadNotifyConfig('api', { NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/must not be the development default/);
    expect(() => loadNotifyConfig('worker', { NODE_ENV: 'production' })).toThrow(/SMTP_URL is required in production/);
    expect(loadNotifyConfig('worker', { NODE_ENV: 'production', SMTP_URL: 'smtps://u:p@mail.example:465' }).smtpUrl).toBe('smtps://u:p@mail.example:465');
    expect(() => loadNotifyConfig('worker', { SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(loadNotifyConfig('api', { NOTIFY_PORTAL_URL: 'https://portal.example/' }).portalUrl).toBe('https://portal.example');
  });
});
