import { DEFAULT_PREFERENCES, preferencesInput, wants } from '../../src/preferences/preferences';

describe('preferences', () => {
  it('always delivers to the inbox; other channels as chosen', () => {
    const off = { sse: { enabled: false, categories: [] }, email: { enabled: true, categories: ['deadline' as const] } };
    expect(wants(off, 'inbox', 'status')).toBe(true);
    expect(wants(off, 'sse', 'action')).toBe(false);
    expect(wants(off, 'email', 'deadline')).toBe(true);
    expect(wants(off, 'email', 'action')).toBe(false);
    expect(wants({ ...off, email: { enabled: false, categories: ['deadline'] } }, 'email', 'deadline')).toBe(false);
  });

  it('by default pushes everything live and e-mails actions and deadlines', () => {
    expect(wants(DEFAULT_PREFERENCES, 'sse', 'status')).toBe(true);
    expect(wants(DEFAULT_PREFERENCES, 'email', 'action')).toBe(true);
    expect(wants(DEFAULT_PREFERENCES, 'email', 'status')).toBe(false);
  });

  it('rejects unknown categories, repeated ones, extra fields and missing channels, naming the field', () => {
    const fields = (input: unknown) => (preferencesInput.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(fields({ sse: { enabled: true, categories: ['action'] }, email: { enabled: true, categories: ['x'] } })).toEqual(['email.categories.0']);
    expect(fields({ sse: { enabled: true, categories: ['action', 'action'] }, email: { enabled: true, categories: [] } })).toEqual(['sse.categories']);
    expect(fields({ sse: { enabled: true, categories: [] }, email: { enabled: true, categories: [] }, sms: {} })).toEqual(['']);
    expect(fields({ sse: { enabled: true, categories: [] } })).toEqual(['email']);
  });
});
