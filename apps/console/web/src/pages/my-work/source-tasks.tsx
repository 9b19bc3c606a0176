import { Alert, Anchor, Button, Loader, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDirectory } from '../../api/directory';
import { ProblemAlert } from '../../components/problem-alert';
import { DeadlineMark } from '../incoming/deadline-mark';
import { AssignTaskDialog, type SourceDocument } from './assign-task-dialog';
import { taskPath } from './task-list';
import { TaskProgress } from './task-progress';
import { awaitsResult, useTasksFrom, type Task, type TaskStatus } from './task-query';
import { useMyWorkTexts } from './texts';

/**
 * The tasks the organisation assigned from one of its documents, each linked to its page, and —
 * while the document may still assign (`mayAssign`) — the button that assigns another. What was
 * just assigned is said once, naming the task and its lead.
 */
export function SourceTasks({ source, mayAssign }: { source: SourceDocument; mayAssign: boolean }) {
  const { t } = useMyWorkTexts();
  const names = useDirectory();
  const tasks = useTasksFrom(source.id);
  const [assigning, setAssigning] = useState(false);
  const [assigned, setAssigned] = useState<Task>();
  const items = tasks.data?.items ?? [];

  return (
    <Stack gap="sm">
      {mayAssign ? (
        <Button
          w="fit-content"
          onClick={() => {
            setAssigned(undefined);
            setAssigning(true);
          }}
        >
          {t('fromDocument.assign')}
        </Button>
      ) : (
        <Text size="sm">{t('fromDocument.recalled')}</Text>
      )}
      {assigned && (
        <Alert color="green" role="status" withCloseButton closeButtonLabel={t('actions.close')} onClose={() => setAssigned(undefined)}>
          {t('fromDocument.assigned', { title: assigned.title, org: names.organisation(assigned.leadOrg) })}
        </Alert>
      )}
      {tasks.isError && <ProblemAlert t={t} error={tasks.error} />}
      <ScrollArea type="auto">
        <Table withTableBorder verticalSpacing="xs">
          <Table.Caption>{t('fromDocument.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {(['title', 'lead', 'deadline', 'status', 'progress'] as const).map((column) => (
                <Table.Th key={column} scope="col">
                  {t(`tasks.columns.${column}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  {tasks.isPending ? <Loader size="sm" aria-label={t('app.loading')} /> : <Text size="sm">{t('fromDocument.empty')}</Text>}
                </Table.Td>
              </Table.Tr>
            ) : (
              items.map((task) => (
                <Table.Tr key={task.id}>
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
                  <Table.Td>
                    <Text size="sm">{names.organisation(task.leadOrg)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {task.deadline ? <DeadlineMark deadline={task.deadline} open={awaitsResult(task.status)} /> : <Text size="sm">{t(`task.kinds.${task.kind}`)}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`taskStatus.${task.status as TaskStatus}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <TaskProgress value={task.progress} title={task.title} />
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {assigning && (
        <AssignTaskDialog
          source={source}
          onClose={() => setAssigning(false)}
          onAssigned={(task) => {
            setAssigning(false);
            setAssigned(task);
          }}
        />
      )}
    </Stack>
  );
}
