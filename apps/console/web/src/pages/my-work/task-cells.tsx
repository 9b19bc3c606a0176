import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDay } from '../../i18n/vietnam-time';
import { DeadlineMark } from '../incoming/deadline-mark';
import { TaskProgress } from './task-progress';
import { awaitsResult, type Task, type TaskStatus } from './task-query';
import { useMyWorkTexts } from './texts';

export const taskPath = (id: string) => `/my-work/tasks/${encodeURIComponent(id)}`;

/**
 * The cells a task shows the same way in every list of tasks (the organisation's, a document's):
 * the task linked to its page with its clause, its deadline (near or past flagged), its status
 * with a pending extension, its progress.
 */
export function TaskTitleCell({ task }: { task: Task }) {
  return (
    <Table.Td>
      <Anchor component={Link} to={taskPath(task.id)} size="sm">
        {task.title}
      </Anchor>
      {task.clause && (
        <Text size="xs" c="dimmed">
          {task.clause}
        </Text>
      )}
    </Table.Td>
  );
}

/** The last three cells of every list: deadline, status, progress. */
export function TaskStateCells({ task }: { task: Task }) {
  return (
    <>
      <TaskDeadlineCell task={task} />
      <TaskStatusCell task={task} />
      <TaskProgressCell task={task} />
    </>
  );
}

function TaskDeadlineCell({ task }: { task: Task }) {
  const { t } = useMyWorkTexts();
  return <Table.Td>{task.deadline ? <DeadlineMark deadline={task.deadline} open={awaitsResult(task.status)} /> : <Text size="sm">{t(`task.kinds.${task.kind}`)}</Text>}</Table.Td>;
}

function TaskStatusCell({ task }: { task: Task }) {
  const { t, i18n } = useMyWorkTexts();
  return (
    <Table.Td>
      <Text size="sm">{t(`taskStatus.${task.status as TaskStatus}`)}</Text>
      {task.pendingExtension && (
        <Text size="xs" c="dimmed">
          {t('task.extensionPendingShort', { until: formatDay(task.pendingExtension.until, i18n.language) })}
        </Text>
      )}
    </Table.Td>
  );
}

function TaskProgressCell({ task }: { task: Task }) {
  return (
    <Table.Td>
      <TaskProgress value={task.progress} title={task.title} />
    </Table.Td>
  );
}

export type TaskColumn = 'title' | 'source' | 'assigner' | 'lead' | 'deadline' | 'status' | 'progress';

/** A list's column headings, in the order its rows give the cells. */
export function TaskColumnHeads({ columns }: { columns: readonly TaskColumn[] }) {
  const { t } = useMyWorkTexts();
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) => (
          <Table.Th key={column} scope="col">
            {t(`tasks.columns.${column}`)}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
