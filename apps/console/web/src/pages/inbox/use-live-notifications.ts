import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NOTIFY_KEY, type InboxEntry } from './inbox-queries';

/**
 * The person's notifications as they happen: notify's server-sent events through the console
 * (/api/notify/v1/me/stream). EventSource cannot send a header, so the token goes in the query,
 * as the stream alone allows (and no log keeps). Each notification refreshes the inbox and the
 * badge, and is returned for a live region to read out. EventSource reconnects by itself, sending
 * the last id it saw, so nothing is missed; a refused stream (an expired token) stays closed.
 */
export function useLiveNotifications(accessToken: string): InboxEntry | undefined {
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState<InboxEntry>();
  useEffect(() => {
    const stream = new EventSource(`/api/notify/v1/me/stream?access_token=${encodeURIComponent(accessToken)}`);
    const onNotification = (event: MessageEvent<string>) => {
      try {
        setLatest(JSON.parse(event.data) as InboxEntry);
      } finally {
        void queryClient.invalidateQueries({ queryKey: NOTIFY_KEY });
      }
    };
    stream.addEventListener('notification', onNotification);
    return () => {
      stream.removeEventListener('notification', onNotification);
      stream.close();
    };
  }, [accessToken, queryClient]);
  return latest;
}
