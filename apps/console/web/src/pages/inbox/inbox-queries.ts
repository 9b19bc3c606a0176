import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dataOf, notify } from '../../api/clients';
import type { components } from '../../api/generated/notify';

export type InboxEntry = components['schemas']['InboxEntry'];

/** Everything notify answers is under this key: a new notification or a mark refreshes it all. */
export const NOTIFY_KEY = ['notify'] as const;
const PAGE_SIZE = 20;

export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFY_KEY, 'unread-count'],
    queryFn: () => dataOf(notify.GET('/v1/me/notifications/unread-count')),
    // The live stream refreshes it; this is for a stream that could not open.
    refetchInterval: 120_000,
  });
}

/** The inbox, newest first, a page at a time (`next` is the `before` of the older page). */
export function useInbox(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: [...NOTIFY_KEY, 'inbox', { unreadOnly }],
    queryFn: ({ pageParam }) =>
      dataOf(notify.GET('/v1/me/notifications', { params: { query: { limit: PAGE_SIZE, ...(unreadOnly && { unread: 'true' }), ...(pageParam !== undefined && { before: pageParam }) } } })),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.next,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (seq: number) => dataOf(notify.POST('/v1/me/notifications/{seq}/read', { params: { path: { seq } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFY_KEY }),
  });
}

/** Up to the newest the page showed: one that arrives meanwhile stays unread. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upTo: number | undefined) => dataOf(notify.POST('/v1/me/notifications/read-all', { body: upTo === undefined ? {} : { upTo } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFY_KEY }),
  });
}
