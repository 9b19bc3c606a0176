import { planFor, RETENTION_POLICY, retentionOf } from '../../src/retention/policy';

describe('the retention policy', () => {
  it('keeps a file as long as its longest-kept document, unless its category says otherwise', () => {
    expect(retentionOf(RETENTION_POLICY, undefined, ['CV', 'TB'])).toBe(10);
    expect(retentionOf(RETENTION_POLICY, undefined, ['CV', 'NQ'])).toBe('permanent');
    expect(retentionOf(RETENTION_POLICY, 'administrative', ['NQ'])).toBe(5);
    expect(retentionOf(RETENTION_POLICY, undefined, [])).toBe('permanent');
  });

  it('hands permanent files over and destroys the others when due, with notice days before', () => {
    expect(planFor(RETENTION_POLICY, '2020-03-01T00:00:00.000Z', 'permanent')).toEqual({
      action: 'transfer',
      retention: 'permanent',
      dueAt: '2030-03-01T00:00:00.000Z',
      noticeAt: '2029-12-01T00:00:00.000Z',
    });
    expect(planFor(RETENTION_POLICY, '2020-03-01T00:00:00.000Z', 5)).toMatchObject({ action: 'destroy', dueAt: '2025-03-01T00:00:00.000Z' });
  });
});
