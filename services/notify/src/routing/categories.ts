/**
 * What a notification is about, which is what users choose channels by: a user may want e-mail
 * for work waiting on them and for deadlines, but not for every status change.
 */
export const CATEGORIES = ['action', 'deadline', 'incoming', 'status'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  action: 'Việc chờ xử lý của anh/chị (cho ý kiến, ký, ban hành, xử lý văn bản được giao)',
  deadline: 'Nhắc hạn và quá hạn xử lý',
  incoming: 'Văn bản đến đơn vị',
  status: 'Tiến trình văn bản của anh/chị',
};

/** The inbox always gets every notification; the others follow the user's preferences. */
export const CHANNELS = ['inbox', 'sse', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
