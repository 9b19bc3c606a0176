import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDayTime } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import type { DocumentView } from './document-queries';

/** Every transition of the document, oldest first: what happened, who did it, when (Vietnam time), and the note. */
export function DocumentTimeline({ doc }: { doc: DocumentView }) {
  const { t, i18n } = useTranslation('document');
  const directory = useDirectory();
  const history = [...doc.history].sort((a, b) => a.seq - b.seq);
  if (history.length === 0) return <Text size="sm">{t('timeline.empty')}</Text>;
  return (
    <Timeline active={history.length - 1} bulletSize={14} lineWidth={2}>
      {history.map((h) => (
        <Timeline.Item key={h.seq} title={t(`timeline.actions.${h.action}`, { defaultValue: h.action })}>
          <Text size="sm">
            <time dateTime={h.at}>{formatDayTime(h.at, i18n.language)}</time>
            {h.actor ? ` · ${directory.person(h.actor)}` : ` · ${t('timeline.system')}`}
          </Text>
          <Text size="xs" c="dimmed">
            {t('timeline.status', { status: t(`status.${h.status}`, { defaultValue: t(`recipientStatus.${h.status}`, { ns: 'translation', defaultValue: h.status }) }) })}
          </Text>
          {h.note && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {h.note}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
