import { Button, Fieldset, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../../auth/session-context';
import { formatDay, vietnamToday } from '../../i18n/vietnam-time';
import { ProblemAlert } from '../../components/problem-alert';
import { FieldProblem, placeProblem } from '../../components/form-problem';
import { useOrganisationsBelow } from './organisations-below';
import { useSplitTask, type Task } from './task-query';
import { useMyWorkTexts } from './texts';

interface Row {
  key: number;
  title: string;
  leadOrg: string | null;
  deadline: string;
  weight: number | string;
}

const FIELDS = ['title', 'leadOrg', 'deadline', 'weight'] as const;
type Field = (typeof FIELDS)[number];
const vietnamDayOf = (instant: string) => new Date(new Date(instant).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const blank = (key: number): Row => ({ key, title: '', leadOrg: null, deadline: '', weight: 1 });

/**
 * The lead splits its task among organisations below it: each sub-task a title, a lead, a
 * deadline no later than the task's and a weight in the task's progress. The service's problem
 * with one row's input (`subtasks.1.deadline`) shows beside that input.
 */
export function SplitDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t, i18n } = useMyWorkTexts();
  const { principal } = useSignedIn();
  const { below, error } = useOrganisationsBelow(principal.org);
  const split = useSplitTask();
  // One key for this dialog's sub-tasks: sending again after a lost answer creates nothing twice.
  const [key] = useState(() => crypto.randomUUID());
  const [rows, setRows] = useState<Row[]>([blank(0)]);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const names = rows.flatMap((_, i) => FIELDS.map((f) => `subtasks.${i}.${f}`));
  const placed = placeProblem(split.error, t, names);
  const last = task.deadline ? vietnamDayOf(task.deadline) : undefined;
  const today = vietnamToday();

  /** A row's input changed: the row takes it, and that input's message goes until the next check. */
  const update = (index: number, patch: Partial<Row>) => {
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    setInvalid((found) => Object.fromEntries(Object.entries(found).filter(([name]) => !Object.keys(patch).some((f) => name === `subtasks.${index}.${f}`))));
  };
  const check = () => {
    const found: Record<string, string> = {};
    rows.forEach((row, i) => {
      const at = (f: Field) => `subtasks.${i}.${f}`;
      if (row.title.trim() === '') found[at('title')] = t('split.titleRequired');
      if (!row.leadOrg) found[at('leadOrg')] = t('split.leadOrgRequired');
      if (row.deadline === '') found[at('deadline')] = t('split.deadlineRequired');
      else if (row.deadline < today) found[at('deadline')] = t('split.deadlinePast');
      else if (last && row.deadline > last) found[at('deadline')] = t('split.deadlineAfterParent', { deadline: formatDay(task.deadline!, i18n.language) });
      if (typeof row.weight !== 'number' || !Number.isInteger(row.weight) || row.weight < 1 || row.weight > 100) found[at('weight')] = t('split.weightInvalid');
    });
    return found;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setInvalid(found);
    if (Object.keys(found).length > 0) return;
    const subtasks = rows.map((row) => ({ title: row.title.trim(), leadOrg: row.leadOrg!, deadline: row.deadline, weight: row.weight as number }));
    split.mutate({ id: task.id, subtasks, key }, { onSuccess: onClose });
  };
  const errorOf = (index: number, field: Field) => {
    const name = `subtasks.${index}.${field}`;
    return invalid[name] ? <FieldProblem message={invalid[name]} /> : placed.errorOf(name);
  };
  const organisations = below.map((o) => ({ value: o.code, label: o.name }));

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('actions.close') }} title={t('split.title')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('split.summary', { title: task.title })}</Text>
          {error && <ProblemAlert t={t} error={error} />}
          {rows.map((row, i) => (
            <Fieldset key={row.key} legend={t('split.row', { n: i + 1 })}>
              <Stack gap="xs">
                <TextInput label={t('split.subtaskTitle')} value={row.title} onChange={(e) => update(i, { title: e.currentTarget.value })} maxLength={500} required error={errorOf(i, 'title')} />
                <Group grow align="flex-start">
                  <Select label={t('split.leadOrg')} data={organisations} value={row.leadOrg} onChange={(value) => update(i, { leadOrg: value })} required error={errorOf(i, 'leadOrg')} />
                  <TextInput type="date" label={t('split.deadline')} value={row.deadline} min={today} max={last} onChange={(e) => update(i, { deadline: e.currentTarget.value })} required error={errorOf(i, 'deadline')} />
                  <NumberInput label={t('split.weight')} value={row.weight} onChange={(value) => update(i, { weight: value })} min={1} max={100} allowDecimal={false} required error={errorOf(i, 'weight')} />
                </Group>
                {rows.length > 1 && (
                  <Button variant="subtle" size="xs" w="fit-content" onClick={() => {
                      setRows(rows.filter((_, j) => j !== i));
                      // The rows after it move up: their messages would name the wrong ones.
                      setInvalid({});
                    }} aria-label={t('split.removeRow', { n: i + 1 })}>
                    {t('split.remove')}
                  </Button>
                )}
              </Stack>
            </Fieldset>
          ))}
          <Button variant="default" w="fit-content" onClick={() => setRows([...rows, blank(Math.max(...rows.map((r) => r.key)) + 1)])} disabled={rows.length >= 50}>
            {t('split.add')}
          </Button>
          {placed.unplaced && <ProblemAlert t={t} error={split.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={split.isPending}>
              {t('split.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
