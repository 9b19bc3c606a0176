import { Text, Timeline } from '@mantine/core';
import { formatDayTime } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import type { IncomingCopy } from './incoming-query';
import { useIncomingTexts } from './texts';

/**
 * The copy's trace of status changes, oldest first, as the law asks an incoming register to keep:
 * arrival and registration (done by the system: no person is named), assignment, processing,
 * the report, a refusal or the sender's recall, reminders and escalations.
 */
export function CopyHistory({ copy }: { copy: IncomingCopy }) {
  const { t, i18n } = useIncomingTexts();
  const names = useDirectory();
  const entries = [...copy.history].sort((a, b) => a.seq - b.seq);
  if (entries.length === 0) return <Text size="sm">{t('history.none')}</Text>;
  return (
    <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2} aria-label={t('history.title')}>
      {entries.map((entry) => (
        <Timeline.Item
          key={entry.seq}
          title={t(`history.actions.${entry.action}`, { defaultValue: entry.action, arrivalNumber: copy.arrivalNumber })}
        >
          <Text size="xs" c="dimmed">
            {formatDayTime(entry.at, i18n.language)} · {entry.actor ? names.person(entry.actor) : t('history.system')}
          </Text>
          {entry.note && <Text size="sm">{entry.note}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
