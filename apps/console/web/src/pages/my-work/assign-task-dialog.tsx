import { Button, Group, Modal, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../../auth/session-context';
import { FieldProblem, placeProblem } from '../../components/form-problem';
import { ProblemAlert } from '../../components/problem-alert';
import { vietnamToday } from '../../i18n/vietnam-time';
import { checkNewTask, EMPTY_TASK, FREQUENCIES, NEW_TASK_INPUTS, newTaskOf, PRIORITIES, type NewTaskInput, type NewTaskValues } from './new-task-values';
import { useOrganisationsBelow } from './organisations-below';
import { useCreateTask, type Task } from './task-query';
import { useMyWorkTexts } from './texts';

/** The document the task implements, as its page shows it. */
export interface SourceDocument {
  id: string;
  notation?: string | null;
  subject: string;
}

/**
 * Giao nhiệm vụ: one task from an issued document to an organisation below the assigner's — what
 * to do, under which clause, who leads and who cooperates, by when (or a report every month,
 * quarter or year until a day), and how pressing it is. The service's problem shows beside the
 * input it names; tracking hears of an issuance a moment after it, which the problem says too.
 */
export function AssignTaskDialog({ source, onClose, onAssigned }: { source: SourceDocument; onClose: () => void; onAssigned: (task: Task) => void }) {
  const { t } = useMyWorkTexts();
  const { principal } = useSignedIn();
  const { below, error } = useOrganisationsBelow(principal.org);
  const create = useCreateTask();
  // One key for this dialog's task: sending again after a lost answer assigns it once.
  const [key] = useState(() => crypto.randomUUID());
  const [values, setValues] = useState<NewTaskValues>(EMPTY_TASK);
  const [invalid, setInvalid] = useState<Partial<Record<NewTaskInput, string>>>({});
  const placed = placeProblem(create.error, t, NEW_TASK_INPUTS);
  const today = vietnamToday();

  /** An input changed: the form takes it, and that input's message goes until the next check. */
  const update = (patch: Partial<NewTaskValues>, ...inputs: NewTaskInput[]) => {
    setValues((current) => ({ ...current, ...patch }));
    setInvalid((found) => Object.fromEntries(Object.entries(found).filter(([name]) => !inputs.includes(name as NewTaskInput))));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkNewTask(values, today, t);
    setInvalid(found);
    if (Object.keys(found).length === 0) create.mutate({ task: newTaskOf(values, source.id), key }, { onSuccess: (task) => onAssigned(task as Task) });
  };
  const errorOf = (name: NewTaskInput) => (invalid[name] ? <FieldProblem message={invalid[name]} /> : placed.errorOf(name));
  const organisations = below.map((o) => ({ value: o.code, label: o.name }));

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('actions.close') }} title={t('assignTask.title')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('assignTask.source', { notation: source.notation ?? '', subject: source.subject })}</Text>
          {error && <ProblemAlert t={t} error={error} />}
          <TextInput
            label={t('assignTask.taskTitle')}
            value={values.title}
            onChange={(e) => update({ title: e.currentTarget.value }, 'title')}
            maxLength={500}
            required
            error={errorOf('title')}
          />
          <TextInput
            label={t('assignTask.clause')}
            description={t('assignTask.clauseHint')}
            value={values.clause}
            onChange={(e) => update({ clause: e.currentTarget.value }, 'clause')}
            maxLength={500}
            error={errorOf('clause')}
          />
          <Group grow align="flex-start">
            <Select
              label={t('assignTask.leadOrg')}
              data={organisations}
              value={values.leadOrg}
              onChange={(value) => update({ leadOrg: value }, 'leadOrg')}
              searchable
              required
              error={errorOf('leadOrg')}
            />
            <MultiSelect
              label={t('assignTask.cooperating')}
              data={organisations.filter((o) => o.value !== values.leadOrg)}
              value={values.cooperating}
              onChange={(value) => update({ cooperating: value }, 'cooperating')}
              searchable
              maxValues={50}
              error={errorOf('cooperating')}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="assign-task-kind">
              {t('assignTask.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="assign-task-kind"
              w="fit-content"
              value={values.kind}
              onChange={(kind) => update({ kind: kind as NewTaskValues['kind'] }, 'deadline', 'recurrence.from', 'recurrence.until')}
              data={[
                { value: 'deadline', label: t('assignTask.kinds.deadline') },
                { value: 'recurring', label: t('assignTask.kinds.recurring') },
              ]}
            />
          </Stack>
          {values.kind === 'deadline' ? (
            <TextInput
              type="date"
              label={t('assignTask.deadline')}
              w={240}
              value={values.deadline}
              min={today}
              onChange={(e) => update({ deadline: e.currentTarget.value }, 'deadline')}
              required
              error={errorOf('deadline')}
            />
          ) : (
            <Group grow align="flex-start">
              <Select
                label={t('assignTask.frequency')}
                allowDeselect={false}
                data={FREQUENCIES.map((f) => ({ value: f, label: t(`assignTask.frequencies.${f}`) }))}
                value={values.frequency}
                onChange={(value) => value && update({ frequency: value as NewTaskValues['frequency'] })}
              />
              <TextInput
                type="date"
                label={t('assignTask.from')}
                value={values.from}
                onChange={(e) => update({ from: e.currentTarget.value }, 'recurrence.from')}
                required
                error={errorOf('recurrence.from')}
              />
              <TextInput
                type="date"
                label={t('assignTask.until')}
                value={values.until}
                min={today}
                onChange={(e) => update({ until: e.currentTarget.value }, 'recurrence.until')}
                required
                error={errorOf('recurrence.until')}
              />
            </Group>
          )}
          <Select
            label={t('task.priority')}
            w={240}
            allowDeselect={false}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`task.priorities.${p}`) }))}
            value={values.priority}
            onChange={(value) => value && update({ priority: value as NewTaskValues['priority'] }, 'priority')}
            error={errorOf('priority')}
          />
          {placed.unplaced && <ProblemAlert t={t} error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('assignTask.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
