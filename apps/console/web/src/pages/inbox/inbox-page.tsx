import { Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDayTime } from '../../i18n/vietnam-time';
import { useInbox, useMarkAllRead, useMarkRead, useUnreadCount, type InboxEntry } from './inbox-queries';
import classes from './inbox-page.module.css';

function Notification({ item }: { item: InboxEntry }) {
  const { t, i18n } = useTranslation();
  const markRead = useMarkRead();
  return (
    <Card component="li" withBorder padding="md" className={item.read ? undefined : classes.unread} aria-labelledby={`notification-${item.seq}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            {!item.read && (
              <Badge color="blue.8" variant="filled" size="sm">
                {t('inbox.unread')}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {t(`inbox.categories.${item.category}`, { defaultValue: item.category })} · <time dateTime={item.occurredAt}>{formatDayTime(item.occurredAt, i18n.language)}</time>
            </Text>
          </Group>
          <Title order={2} size="h5" id={`notification-${item.seq}`} fw={item.read ? 500 : 700}>
            {item.title}
          </Title>
          <Text size="sm" className={classes.body}>
            {item.body}
          </Text>
          {item.link && (
            <Anchor href={item.link} size="sm">
              {t('inbox.open')}
            </Anchor>
          )}
        </Stack>
        {!item.read && (
          <Button variant="default" size="xs" onClick={() => markRead.mutate(item.seq)} loading={markRead.isPending} style={{ flexShrink: 0 }}>
            {t('inbox.markRead')}
          </Button>
        )}
      </Group>
      {markRead.isError && <ProblemAlert error={markRead.error} />}
    </Card>
  );
}

/**
 * The person's notifications, newest first: what notify wrote for them (its texts are
 * Vietnamese, as the mail they also get). New ones arrive live (app/shell); each can be marked
 * read, or all of them up to the newest shown.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const inbox = useInbox(filter === 'unread');
  const unread = useUnreadCount().data?.unread ?? 0;
  const markAll = useMarkAllRead();
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const newest = inbox.data?.pages[0]?.items[0]?.seq;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('inbox.title')}</Title>
          <Text size="sm" role="status">
            {t('inbox.unreadCount', { count: unread })}
          </Text>
        </div>
        <Group>
          <SegmentedControl
            aria-label={t('inbox.filter')}
            value={filter}
            onChange={(value) => setFilter(value as 'all' | 'unread')}
            data={[
              { value: 'all', label: t('inbox.all') },
              { value: 'unread', label: t('inbox.unreadOnly') },
            ]}
          />
          <Button onClick={() => markAll.mutate(newest)} disabled={unread === 0} loading={markAll.isPending}>
            {t('inbox.markAllRead')}
          </Button>
        </Group>
      </Group>
      {markAll.isError && <ProblemAlert error={markAll.error} />}
      {inbox.isPending && <Loader aria-label={t('app.loading')} />}
      {inbox.isError && <ProblemAlert error={inbox.error} />}
      {inbox.isSuccess && items.length === 0 && <Text>{filter === 'unread' ? t('inbox.noneUnread') : t('inbox.none')}</Text>}
      {items.length > 0 && (
        <Stack component="ul" gap="sm" className={classes.list} aria-label={t('inbox.title')}>
          {items.map((item) => (
            <Notification key={item.seq} item={item} />
          ))}
        </Stack>
      )}
      {inbox.hasNextPage && (
        <Button variant="default" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage} w="fit-content">
          {t('inbox.more')}
        </Button>
      )}
    </Stack>
  );
}
