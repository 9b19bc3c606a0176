import { Alert, Button, Loader, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useDirectory } from '../../api/directory';
import { ProblemAlert } from '../../components/problem-alert';
import { AssignTaskDialog, type SourceDocument } from './assign-task-dialog';
import { TaskColumnHeads, TaskStateCells, TaskTitleCell } from './task-cells';
import { useTasksFrom, type Task } from './task-query';
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
          <TaskColumnHeads columns={['title', 'lead', 'deadline', 'status', 'progress']} />
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
                  <TaskTitleCell task={task} />
                  <Table.Td>
                    <Text size="sm">{names.organisation(task.leadOrg)}</Text>
                  </Table.Td>
                  <TaskStateCells task={task} />
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
