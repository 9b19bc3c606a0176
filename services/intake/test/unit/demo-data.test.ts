import { ConfigError, demoDataEnabled } from '@vanthu/shared';

describe('VANTHU_DEMO_DATA', () => {
  it('is on by default outside production and off in production', () => {
    expect(demoDataEnabled({})).toBe(true);
    expect(demoDataEnabled({ NODE_ENV: 'test' })).toBe(true);
    expect(demoDataEnabled({ NODE_ENV: 'production' })).toBe(false);
  });

  it('does what it says either way', () => {
    expect(demoDataEnabled({ NODE_ENV: 'production', VANTHU_DEMO_DATA: 'true' })).toBe(true);
    expect(demoDataEnabled({ NODE_ENV: 'development', VANTHU_DEMO_DATA: 'false' })).toBe(false);
  });

  it('stops the process on anything but true or false, naming the variable', () => {
    expect(() => demoDataEnabled({ VANTHU_DEMO_DATA: 'yes' })).toThrow(ConfigError);
    expect(() => demoDataEnabled({ VANTHU_DEMO_DATA: 'yes' })).toThrow(/VANTHU_DEMO_DATA/);
  });
});
