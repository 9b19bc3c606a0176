import { ConfigError } from '@vanthu/shared';
import { loadTrackingConfig } from '../../src/config';

describe('tracking configuration', () => {
  it('defaults to 20 MiB of evidence and a one-second figures refresh', () => {
    expect(loadTrackingConfig({})).toEqual({ maxEvidenceBytes: 20 * 1024 * 1024, figuresRefreshMs: 1000 });
  });

  it('reads both settings, and treats an empty value (compose ${X:-}) as unset', () => {
    expect(loadTrackingConfig({ TRACKING_MAX_EVIDENCE_BYTES: '1048576', TRACKING_FIGURES_REFRESH_MS: '250' })).toEqual({ maxEvidenceBytes: 1048576, figuresRefreshMs: 250 });
    expect(loadTrackingConfig({ TRACKING_MAX_EVIDENCE_BYTES: '', TRACKING_FIGURES_REFRESH_MS: '' })).toEqual({ maxEvidenceBytes: 20 * 1024 * 1024, figuresRefreshMs: 1000 });
  });

  it.each([
    ['TRACKING_MAX_EVIDENCE_BYTES', 'lots'],
    ['TRACKING_MAX_EVIDENCE_BYTES', '0'],
    ['TRACKING_MAX_EVIDENCE_BYTES', '1.5'],
    ['TRACKING_FIGURES_REFRESH_MS', '-1'],
    ['TRACKING_FIGURES_REFRESH_MS', '3600000'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadTrackingConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadTrackingConfig({ [name]: value })).toThrow(name);
  });
});
