import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formatDay } from '../../i18n/vietnam-time';
import { ProblemAlert } from '../../components/problem-alert';
import { FieldProblem, placeProblem } from '../../components/form-problem';
import { useRequestExtension, type Task } from './task-query';
import { useMyWorkTexts } from './texts';

const INPUTS = ['until', 'reason'] as const;
type Input = (typeof INPUTS)[number];

/** The day (YYYY-MM-DD) of an instant in Vietnam, what a date input compares with. */
const vietnamDayOf = (instant: string) => new Date(new Date(instant).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The lead asks the assigner for a later deadline, with a reason; one request is pending at a time. */
export function ExtensionDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t, i18n } = useMyWorkTexts();
  const request = useRequestExtension();
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<Partial<Record<Input, string>>>({});
  const placed = placeProblem(request.error, t, INPUTS);
  // An input changed is no longer the one found wanting: its message goes until the next check.
  const settle = (name: Input) => setInvalid(({ [name]: _, ...rest }) => rest);
  const current = task.deadline ? vietnamDayOf(task.deadline) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Input, string>> = {
      ...(until === '' ? { until: t('extension.untilRequired') } : current && until <= current ? { until: t('extension.untilNotLater', { deadline: formatDay(task.deadline!, i18n.language) }) } : {}),
      ...(reason.trim() === '' && { reason: t('extension.reasonRequired') }),
    };
    setInvalid(found);
    if (Object.keys(found).length === 0) request.mutate({ id: task.id, until, reason: reason.trim() }, { onSuccess: onClose });
  };
  const errorOf = (name: Input) => (invalid[name] ? <FieldProblem message={invalid[name]} /> : placed.errorOf(name));

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('actions.close') }} title={t('extension.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('extension.current', { deadline: formatDay(task.deadline ?? undefined, i18n.language) })}</Text>
          <TextInput type="date" label={t('extension.until')} value={until} min={current} onChange={(e) => {
              setUntil(e.currentTarget.value);
              settle('until');
            }} required error={errorOf('until')} />
          <Textarea label={t('extension.reason')} value={reason} onChange={(e) => {
              setReason(e.currentTarget.value);
              settle('reason');
            }} autosize minRows={3} maxLength={4000} required error={errorOf('reason')} />
          {placed.unplaced && <ProblemAlert t={t} error={request.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={request.isPending}>
              {t('extension.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
