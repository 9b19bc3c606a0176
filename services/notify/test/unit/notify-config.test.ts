import { loadNotifyConfig } from '../../src/config';

describe('notify configuration', () => {
  it('has development defaults, and needs a mail server in production', () => {
    expect(loadNotifyConfig('worker', {})).toMatchObject({ mailFrom: 'Văn thư điện tử <no-reply@vanthu.local>' });
    expect(() => loadNotifyConfig('worker', { NODE_ENV: 'production' })).toThrow(/SMTP_URL is required in production/);
    expect(loadNotifyConfig('worker', { NODE_ENV: 'production', SMTP_URL: 'smtps://u:p@mail.example:465' }).smtpUrl).toBe('smtps://u:p@mail.example:465');
    expect(() => loadNotifyConfig('worker', { SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL/);
    expect(loadNotifyConfig('api', { NOTIFY_PORTAL_URL: 'https://portal.example/' }).portalUrl).toBe('https://portal.example');
  });
});
