import { loadApiSettings } from '../../../src/api/settings';

describe('API settings', () => {
  it('has working defaults outside production', () => {
    expect(loadApiSettings({ NODE_ENV: 'development' })).toEqual({ maxContentBytes: 20 * 1024 * 1024, maxAttachments: 20, validateResponses: true });
  });

  it('reads the limits, and turns response validation off in production', () => {
    expect(loadApiSettings({ NODE_ENV: 'production', INTAKE_MAX_CONTENT_BYTES: '1048576' })).toMatchObject({ maxContentBytes: 1048576, validateResponses: false });
    expect(loadApiSettings({ NODE_ENV: 'production', INTAKE_VALIDATE_RESPONSES: 'true' }).validateResponses).toBe(true);
  });
});
