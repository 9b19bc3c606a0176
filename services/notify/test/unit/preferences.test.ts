import { CATEGORIES } from '../../src/routing/categories';
import { DEFAULT_PREFERENCES, preferencesInput, wants, withLaterCategories } from '../../src/preferences/preferences';

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
    expect(wants(DEFAULT_PREFERENCES, 'email', 'task')).toBe(true);
  });

  it('gives a category added since the user saved its default, and keeps what they chose among those offered', () => {
    const saved = { sse: { enabled: true, categories: ['action' as const, 'incoming' as const] }, email: { enabled: false, categories: [] } };
    // Saved before tasks existed: tasks follow the defaults, the user's other choices stay.
    expect(withLaterCategories(saved)).toEqual({ sse: { enabled: true, categories: ['action', 'incoming', 'task'] }, email: { enabled: false, categories: ['task'] } });
    // Saved since: not choosing tasks was a choice.
    expect(withLaterCategories(saved, CATEGORIES)).toEqual(saved);
  });

  it('rejects unknown categories, repeated ones, extra fields and missing channels, naming the field', () => {
    const fields = (input: unknown) => (preferencesInput.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(fields({ sse: { enabled: true, categories: ['action'] }, email: { enabled: true, categories: ['x'] } })).toEqual(['email.categories.0']);
    expect(fields({ sse: { enabled: true, categories: ['action', 'action'] }, email: { enabled: true, categories: [] } })).toEqual(['sse.categories']);
    expect(fields({ sse: { enabled: true, categories: [] }, email: { enabled: true, categories: [] }, sms: {} })).toEqual(['']);
    expect(fields({ sse: { enabled: true, categories: [] } })).toEqual(['email']);
  });
});
