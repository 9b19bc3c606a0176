import { z } from 'zod';
import { replaceById } from '@vanthu/shared';
import { CATEGORIES, type Category, type Channel } from '../routing/categories';
import type { NotifyCollections, PreferencesDoc } from '../store/collections';

const channelSettings = z.strictObject({
  enabled: z.boolean(),
  /** The categories this channel carries; the inbox carries all of them regardless. */
  categories: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).refine((list) => new Set(list).size === list.length, 'categories must not repeat'),
});

/** The body of PUT /v1/me/preferences: both channels, stated in full. */
export const preferencesInput = z.strictObject({ sse: channelSettings, email: channelSettings });
export type PreferencesInput = z.infer<typeof preferencesInput>;

/** Live pushes for everything; e-mail only for what waits on the user, for deadlines and for tasks. */
export const DEFAULT_PREFERENCES: PreferencesInput = {
  sse: { enabled: true, categories: [...CATEGORIES] },
  email: { enabled: true, categories: ['action', 'deadline', 'task'] },
};

/** The categories before `task` was added: what a preferences document without `offered` was saved against. */
const FIRST_CATEGORIES: readonly Category[] = ['action', 'deadline', 'incoming', 'status'];

/**
 * A user chose among the categories offered when they saved; one added since was never refused,
 * so it follows the default until they save again (else a portal's live stream would stay silent
 * about tasks for everyone who had ever touched their settings).
 */
export function withLaterCategories(saved: PreferencesInput, offered: readonly Category[] = FIRST_CATEGORIES): PreferencesInput {
  const extend = (channel: 'sse' | 'email') => {
    const added = DEFAULT_PREFERENCES[channel].categories.filter((c) => !offered.includes(c) && !saved[channel].categories.includes(c));
    return { ...saved[channel], categories: [...saved[channel].categories, ...added] };
  };
  return { sse: extend('sse'), email: extend('email') };
}

export interface Preferences extends PreferencesInput {
  userId: string;
  /** Absent while the user has the defaults. */
  updatedAt?: string;
}

export function wants(preferences: PreferencesInput, channel: Channel, category: Category): boolean {
  if (channel === 'inbox') return true;
  const settings = preferences[channel];
  return settings.enabled && settings.categories.includes(category);
}

/**
 * One document per user, written only through the API by that user, always whole: two saves at
 * once (two tabs, perhaps two API replicas) leave one of the two, as they would one after the other.
 */
export class PreferenceStore {
  constructor(private readonly c: Pick<NotifyCollections, 'preferences'>) {}

  async get(userId: string): Promise<Preferences> {
    const doc = await this.c.preferences.findOne({ _id: userId });
    if (!doc) return { userId, ...DEFAULT_PREFERENCES };
    return { userId, ...withLaterCategories({ sse: doc.sse, email: doc.email }, doc.offered), updatedAt: doc.updatedAt };
  }

  async put(userId: string, input: PreferencesInput): Promise<Preferences> {
    const doc: PreferencesDoc = { _id: userId, sse: input.sse, email: input.email, offered: [...CATEGORIES], updatedAt: new Date().toISOString() };
    await replaceById(this.c.preferences, doc);
    return { userId, sse: doc.sse, email: doc.email, updatedAt: doc.updatedAt };
  }
}
