import { ConfigError } from '@vanthu/shared';
import { loadApiSettings } from '../../../src/api/settings';
import { DEVELOPMENT_JWT_SECRET } from '@vanthu/shared';

describe('API settings', () => {
  const secret = 'a-production-secret-of-at-least-32-bytes';

  it('has working defaults outside production, with the development secret', () => {
    expect(loadApiSettings({ NODE_ENV: 'development' })).toEqual({
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      maxContentBytes: 20 * 1024 * 1024,
      maxAttachments: 20,
      maxInFlight: 64,
      ratePerSecond: 20,
      rateBurst: 40,
      validateResponses: true,
    });
  });

  it('refuses to start in production without JWT_SECRET, or with the development one', () => {
    expect(() => loadApiSettings({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadApiSettings({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/development default/);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => loadApiSettings({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
  });

  it('reads the limits, and turns response validation off in production', () => {
    const settings = loadApiSettings({
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      INTAKE_MAX_CONTENT_BYTES: '1048576',
      INTAKE_MAX_IN_FLIGHT: '8',
      INTAKE_RATE_PER_SECOND: '2.5',
    });
    expect(settings).toMatchObject({ jwtSecret: secret, maxContentBytes: 1048576, maxInFlight: 8, ratePerSecond: 2.5, validateResponses: false });
    expect(loadApiSettings({ NODE_ENV: 'production', JWT_SECRET: secret, INTAKE_VALIDATE_RESPONSES: 'true' }).validateResponses).toBe(true);
  });
});
