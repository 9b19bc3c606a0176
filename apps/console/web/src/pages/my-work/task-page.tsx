import { Alert, Anchor, Badge, Group, Loader, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDay, formatDayTime } from '../../i18n/vietnam-time';
import { DeadlineMark } from '../incoming/deadline-mark';
import { useDirectory } from '../../api/directory';
import { TaskActions } from './task-actions';
import { taskPath } from './task-cells';
import { TaskProgress } from './task-progress';
import { awaitsResult, useTask, type Task } from './task-query';
import { TaskReports } from './task-reports';
import { useMyWorkTexts } from './texts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Subtasks({ task }: { task: Task }) {
  const { t, i18n } = useMyWorkTexts();
  const names = useDirectory();
  if (task.subtasks.length === 0) return <Text size="sm">{t('task.subtasks.none')}</Text>;
  return (
    <ScrollArea type="auto">
      <Table withTableBorder striped verticalSpacing="xs" miw={700}>
        <Table.Caption>{t('task.subtasks.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {(['task', 'leadOrg', 'deadline', 'weight', 'status', 'progress'] as const).map((c) => (
              <Table.Th key={c} scope="col">
                {t(`task.subtasks.columns.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {task.subtasks.map((sub) => (
            <Table.Tr key={sub.taskId}>
              <Table.Td>
                <Anchor component={Link} to={taskPath(sub.taskId)} size="sm">
                  {sub.period ? t('task.subtasks.period', { period: sub.period }) : t('task.subtasks.open', { org: names.organisation(sub.leadOrg) })}
                </Anchor>
              </Table.Td>
              <Table.Td>{names.organisation(sub.leadOrg)}</Table.Td>
              <Table.Td>{sub.deadline ? <DeadlineMark deadline={sub.deadline} open={awaitsResult(sub.status)} /> : ''}</Table.Td>
              <Table.Td>{sub.weight}</Table.Td>
              <Table.Td>
                {t(`taskStatus.${sub.status}`)}
                {sub.completedAt && (
                  <Text size="xs" c="dimmed">
                    {formatDay(sub.completedAt, i18n.language)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <TaskProgress value={sub.progress} title={names.organisation(sub.leadOrg)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

function TaskHistory({ task }: { task: Task }) {
  const { t, i18n } = useMyWorkTexts();
  const names = useDirectory();
  const entries = [...task.history].sort((a, b) => a.seq - b.seq);
  return (
    <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2}>
      {entries.map((entry) => (
        <Timeline.Item key={entry.seq} title={t(`task.history.${entry.action}`, { defaultValue: entry.action })}>
          <Text size="xs" c="dimmed">
            {formatDayTime(entry.at, i18n.language)} · {entry.actor ? names.person(entry.actor) : t('history.system')} · {t(`taskStatus.${entry.status}`)}
          </Text>
          {entry.note && <Text size="sm">{entry.note}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/**
 * One implementation task: what it implements (the source document's page linked), who assigned
 * it to whom, its deadline (and the original one if extended), progress, a pending request for
 * more time, the steps this person may take, its sub-tasks, reports with evidence, and history.
 */
export function TaskPage() {
  const { t, i18n } = useMyWorkTexts();
  const { id = '' } = useParams();
  const names = useDirectory();
  const query = useTask(id);
  const back = (
    <Anchor component={Link} to="/my-work?tab=tasks" size="sm">
      {t('task.back')}
    </Anchor>
  );
  if (query.isPending) return <Loader aria-label={t('app.loading')} />;
  if (query.isError)
    return (
      <Stack>
        {back}
        <ProblemAlert t={t} error={query.error} />
      </Stack>
    );
  const task = query.data;
  const people = (ids: string[]) => ids.map(names.organisation).join('; ');
  return (
    <Stack>
      {back}
      <Group gap="sm" align="center">
        <Title order={1}>{task.title}</Title>
        <Badge variant="outline" color="blue.9" size="lg">
          {t(`taskStatus.${task.status}`)}
        </Badge>
      </Group>
      <TaskProgress value={task.progress} title={task.title} />
      {task.pendingExtension && (
        <Alert color="yellow" title={t('task.extensionPending', { until: formatDay(task.pendingExtension.until, i18n.language) })}>
          {t('task.extensionAsked', { who: names.person(task.pendingExtension.requestedBy), at: formatDayTime(task.pendingExtension.requestedAt, i18n.language) })}
          <Text size="sm">{task.pendingExtension.reason}</Text>
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" m={0}>
          <Field label={t('task.source')}>
            {t(`documentTypes.${task.source.type}`)}{' '}
            <Anchor component={Link} to={`/documents/${encodeURIComponent(task.source.documentId)}`} size="sm">
              {task.source.notation}
            </Anchor>
          </Field>
          {task.clause && <Field label={t('task.clause')}>{task.clause}</Field>}
          <Field label={t('task.assigner')}>
            {names.organisation(task.assignerOrg)} ({names.person(task.assignedBy)})
          </Field>
          <Field label={t('task.lead')}>{names.organisation(task.leadOrg)}</Field>
          {task.cooperating.length > 0 && <Field label={t('task.cooperating')}>{people(task.cooperating)}</Field>}
          <Field label={t('task.deadline')}>
            {task.deadline ? <DeadlineMark deadline={task.deadline} open={awaitsResult(task.status)} /> : t(`task.kinds.${task.kind}`)}
            {task.originalDeadline && task.originalDeadline !== task.deadline && (
              <Text span size="xs" c="dimmed" display="block">
                {t('task.originalDeadline', { deadline: formatDay(task.originalDeadline, i18n.language) })}
              </Text>
            )}
          </Field>
          {task.recurrence && (
            <Field label={t('task.recurrence')}>
              {t(`task.frequencies.${task.recurrence.frequency}`, { from: formatDay(task.recurrence.from, i18n.language), until: formatDay(task.recurrence.until, i18n.language) })}
            </Field>
          )}
          {task.period && <Field label={t('task.period')}>{task.period}</Field>}
          <Field label={t('task.priority')}>{t(`task.priorities.${task.priority}`)}</Field>
          <Field label={t('task.assignedAt')}>{formatDayTime(task.assignedAt, i18n.language)}</Field>
          {task.submittedAt && <Field label={t('task.submittedAt')}>{formatDayTime(task.submittedAt, i18n.language)}</Field>}
          {task.completedAt && task.status === 'done' && <Field label={t('task.completedAt')}>{formatDayTime(task.completedAt, i18n.language)}</Field>}
          {task.parentTaskId && (
            <Field label={t('task.parent')}>
              <Anchor component={Link} to={taskPath(task.parentTaskId)} size="sm">
                {t('task.openParent')}
              </Anchor>
            </Field>
          )}
        </SimpleGrid>
      </Paper>
      <TaskActions task={task} />
      <section aria-labelledby="task-subtasks">
        <Title order={2} size="h4" id="task-subtasks" mb="xs">
          {t('task.subtasks.title')}
        </Title>
        <Subtasks task={task} />
      </section>
      <section aria-labelledby="task-reports">
        <Title order={2} size="h4" id="task-reports" mb="xs">
          {t('task.reports.title')}
        </Title>
        <TaskReports task={task} />
      </section>
      <section aria-labelledby="task-history">
        <Title order={2} size="h4" id="task-history" mb="xs">
          {t('task.historyTitle')}
        </Title>
        <TaskHistory task={task} />
      </section>
    </Stack>
  );
}
