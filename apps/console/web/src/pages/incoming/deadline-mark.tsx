import { Text } from '@mantine/core';
import { formatDay } from '../../i18n/vietnam-time';
import classes from './deadline-mark.module.css';
import { useIncomingTexts } from './texts';

/** How close a deadline must be to stand out: three days, the reminder of a normal task is a week. */
const NEAR_MS = 3 * 86_400_000;

export type DeadlineState = 'none' | 'near' | 'overdue';

/** Past, near (within three days) or neither; work that is over has no deadline left to miss. */
export function deadlineState(deadline: string | null | undefined, open: boolean, now = Date.now()): DeadlineState {
  if (!deadline || !open) return 'none';
  const at = new Date(deadline).getTime();
  if (Number.isNaN(at)) return 'none';
  if (at < now) return 'overdue';
  return at - now <= NEAR_MS ? 'near' : 'none';
}

/** The deadline's day (Vietnam time), flagged in words when it is near or past, not by colour alone. */
export function DeadlineMark({ deadline, open }: { deadline: string | null | undefined; open: boolean }) {
  const { t, i18n } = useIncomingTexts();
  if (!deadline) return null;
  const state = deadlineState(deadline, open);
  return (
    <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
      {formatDay(deadline, i18n.language)}
      {state !== 'none' && <span className={classes[state]}>{t(`deadline.${state}`)}</span>}
    </Text>
  );
}
