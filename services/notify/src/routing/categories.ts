/**
 * What a notification is about, which is what users choose channels by: a user may want e-mail
 * for work waiting on them and for deadlines, but not for every status change. A category added
 * here reaches users who saved preferences before it existed by its default (see preferences.ts).
 */
export const CATEGORIES = ['action', 'deadline', 'incoming', 'status', 'task'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  action: 'Việc chờ xử lý của anh/chị (cho ý kiến, ký, ban hành, xử lý văn bản được giao)',
  deadline: 'Nhắc hạn và quá hạn (văn bản, nhiệm vụ)',
  incoming: 'Văn bản đến đơn vị',
  status: 'Tiến trình văn bản của anh/chị',
  task: 'Nhiệm vụ được giao và theo dõi thực hiện (giao, báo cáo, đánh giá kết quả, gia hạn)',
};

/** The inbox always gets every notification; the others follow the user's preferences. */
export const CHANNELS = ['inbox', 'sse', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
