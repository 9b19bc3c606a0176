import { Anchor, Button, Group, Loader, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useSignedIn } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { useDirectory } from '../../api/directory';
import { TaskColumnHeads, TaskStateCells, TaskTitleCell } from './task-cells';
import { TASK_STATUSES, useTaskList, type Task, type TaskListRole } from './task-query';
import { useMyWorkTexts } from './texts';

const ROLES: readonly TaskListRole[] = ['lead', 'cooperating', 'assigned'];

/** The organisation's part in a task, as its member sees it. */
export function partOf(task: Pick<Task, 'leadOrg' | 'assignerOrg' | 'cooperating'>, org: string): TaskListRole | 'above' {
  if (task.leadOrg === org) return 'lead';
  if (task.assignerOrg === org) return 'assigned';
  if (task.cooperating.includes(org)) return 'cooperating';
  return 'above';
}

/**
 * Implementation tasks of the person's organisation: those it leads (the default: its own work),
 * cooperates on or assigned, by status, newest first and a page at a time as the service pages
 * them. Each row: the task, the document it implements (linked to the document's page), who
 * assigned it to whom, the deadline (near or past flagged), status and progress.
 */
export function TaskList() {
  const { t } = useMyWorkTexts();
  const { principal } = useSignedIn();
  const names = useDirectory();
  const [params, setParams] = useSearchParams();
  const roleParam = params.get('role');
  const role: TaskListRole | undefined = roleParam === 'all' ? undefined : (ROLES.find((r) => r === roleParam) ?? 'lead');
  const status = TASK_STATUSES.find((s) => s === params.get('taskStatus'));
  const list = useTaskList({ ...(role && { role }), ...(status && { status }) });
  const tasks = list.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Group align="flex-end" role="search" aria-label={t('tasks.filters')}>
        <Select
          label={t('tasks.role')}
          w={240}
          allowDeselect={false}
          value={role ?? 'all'}
          onChange={(value) => set('role', value)}
          data={[...ROLES.map((r) => ({ value: r, label: t(`tasks.roles.${r}`) })), { value: 'all', label: t('tasks.roles.all') }]}
        />
        <Select
          label={t('tasks.status')}
          w={220}
          allowDeselect={false}
          value={status ?? ''}
          onChange={(value) => set('taskStatus', value)}
          data={[{ value: '', label: t('filters.allStatuses') }, ...TASK_STATUSES.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))]}
        />
      </Group>
      {list.isError && <ProblemAlert t={t} error={list.error} />}
      <ScrollArea type="auto">
        <Table striped highlightOnHover withTableBorder verticalSpacing="xs" miw={900}>
          <Table.Caption>{t('tasks.caption')}</Table.Caption>
          <TaskColumnHeads columns={['title', 'source', 'assigner', 'lead', 'deadline', 'status', 'progress']} />
          <Table.Tbody>
            {tasks.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text size="sm">{list.isPending ? t('app.loading') : t('tasks.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              tasks.map((task) => (
                <Table.Tr key={task.id}>
                  <TaskTitleCell task={task} />
                  <Table.Td>
                    <Text size="sm">{t(`documentTypes.${task.source.type}`)}</Text>
                    <Anchor component={Link} to={`/documents/${encodeURIComponent(task.source.documentId)}`} size="sm" aria-label={t('list.openDocument', { notation: task.source.notation })}>
                      {task.source.notation}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{names.organisation(task.assignerOrg)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{names.organisation(task.leadOrg)}</Text>
                    {partOf(task, principal.org) === 'cooperating' && (
                      <Text size="xs" c="dimmed">
                        {t('tasks.weCooperate')}
                      </Text>
                    )}
                  </Table.Td>
                  <TaskStateCells task={task} />
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {list.isFetching && !list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {list.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('tasks.more')}
        </Button>
      )}
    </Stack>
  );
}
