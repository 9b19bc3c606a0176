import { Group, Progress, Text } from '@mantine/core';
import { useMyWorkTexts } from './texts';

/** A task's progress, as a bar and in figures (the bar alone says nothing to a screen reader's user). */
export function TaskProgress({ value, title }: { value: number; title: string }) {
  const { t } = useMyWorkTexts();
  const percent = Math.round(value);
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={percent} w={90} size="md" aria-label={t('task.progressOf', { title })} />
      <Text size="sm">{percent}%</Text>
    </Group>
  );
}
