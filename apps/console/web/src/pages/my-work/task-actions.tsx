import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSignedIn } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { TextDialog } from '../incoming/reason-dialog';
import { ExtensionDialog } from './extension-dialog';
import { useOrganisationsBelow } from './organisations-below';
import { ReassignDialog } from './reassign-dialog';
import { ReportDialog } from './report-dialog';
import { SplitDialog } from './split-dialog';
import {
  FINAL_TASK_STATUSES,
  useAcceptResult,
  useAcceptTask,
  useCancelTask,
  useDecideExtension,
  useRefuseTask,
  useReturnTask,
  type Task,
} from './task-query';
import { useMyWorkTexts } from './texts';

/** Who acts on a task (TASK_ROLES in packages/shared/src/contracts/tracking.ts): these roles, of its lead or of its assigner. */
const ACTING_ROLES = ['leader', 'specialist', 'clerk'];
const AT_WORK = ['accepted', 'in_progress'];

type Dialog = 'refuse' | 'progress' | 'submit' | 'split' | 'extension' | 'acceptResult' | 'return' | 'grant' | 'refuseExtension' | 'reassign' | 'cancel';

/**
 * The steps the tracking service lets this person take on this task, and no others: the lead's
 * (accept or refuse; report progress with evidence; split; submit; ask for more time) and the
 * assigner's (accept or return the result; grant or refuse more time; reassign a refused task;
 * cancel). The task's workflow still decides each.
 */
export function TaskActions({ task }: { task: Task }) {
  const { t } = useMyWorkTexts();
  const { principal } = useSignedIn();
  const [dialog, setDialog] = useState<Dialog>();
  const accept = useAcceptTask();
  const refuse = useRefuseTask();
  const acceptResult = useAcceptResult();
  const returnTask = useReturnTask();
  const decide = useDecideExtension();
  const cancel = useCancelTask();
  const { below } = useOrganisationsBelow(principal.org);

  const acts = ACTING_ROLES.includes(principal.role);
  const lead = acts && principal.org === task.leadOrg;
  const assigner = acts && principal.org === task.assignerOrg;
  const open = !FINAL_TASK_STATUSES.includes(task.status);
  const atWork = AT_WORK.includes(task.status);
  const oneOff = task.kind !== 'recurring';
  const openSubtasks = task.subtasks.filter((s) => !FINAL_TASK_STATUSES.includes(s.status)).length;
  const may = {
    acceptOrRefuse: lead && task.status === 'assigned',
    report: lead && atWork,
    submit: lead && atWork && oneOff,
    split: lead && atWork && oneOff && below.length > 0,
    askMoreTime: lead && open && task.status !== 'submitted' && !!task.deadline && !task.pendingExtension,
    judgeResult: assigner && task.status === 'submitted',
    decideMoreTime: assigner && open && !!task.pendingExtension,
    reassign: assigner && task.status === 'refused',
    cancel: assigner && open,
  };

  const close = () => {
    setDialog(undefined);
    for (const m of [refuse, acceptResult, returnTask, decide, cancel]) m.reset();
  };
  const text = (field: string, mutation: { isPending: boolean; error: unknown }) => ({ field, pending: mutation.isPending, error: mutation.error, onClose: close });

  if (!Object.values(may).some(Boolean)) return null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="task-actions">
      <Stack gap="sm">
        <Title order={2} size="h4" id="task-actions">
          {lead ? t('task.actions.titleLead') : t('task.actions.titleAssigner')}
        </Title>
        <Group gap="sm">
          {may.acceptOrRefuse && (
            <>
              <Button onClick={() => accept.mutate(task.id)} loading={accept.isPending}>
                {t('task.actions.accept')}
              </Button>
              <Button variant="default" onClick={() => setDialog('refuse')}>
                {t('task.actions.refuse')}
              </Button>
            </>
          )}
          {may.report && <Button onClick={() => setDialog('progress')}>{t('task.actions.report')}</Button>}
          {may.submit && (
            <Button variant="default" onClick={() => setDialog('submit')} disabled={openSubtasks > 0}>
              {t('task.actions.submit')}
            </Button>
          )}
          {may.split && (
            <Button variant="default" onClick={() => setDialog('split')}>
              {t('task.actions.split')}
            </Button>
          )}
          {may.askMoreTime && (
            <Button variant="default" onClick={() => setDialog('extension')}>
              {t('task.actions.extension')}
            </Button>
          )}
          {may.judgeResult && (
            <>
              <Button onClick={() => setDialog('acceptResult')}>{t('task.actions.acceptResult')}</Button>
              <Button variant="default" onClick={() => setDialog('return')}>
                {t('task.actions.return')}
              </Button>
            </>
          )}
          {may.decideMoreTime && (
            <>
              <Button onClick={() => setDialog('grant')}>{t('task.actions.grant')}</Button>
              <Button variant="default" onClick={() => setDialog('refuseExtension')}>
                {t('task.actions.refuseExtension')}
              </Button>
            </>
          )}
          {may.reassign && <Button onClick={() => setDialog('reassign')}>{t('task.actions.reassign')}</Button>}
          {may.cancel && (
            <Button variant="outline" color="red.9" onClick={() => setDialog('cancel')}>
              {t('task.actions.cancel')}
            </Button>
          )}
        </Group>
        {may.submit && openSubtasks > 0 && <Text size="sm">{t('task.actions.subtasksOpen', { count: openSubtasks })}</Text>}
        {accept.isError && <ProblemAlert t={t} error={accept.error} />}
      </Stack>
      {dialog === 'progress' && <ReportDialog task={task} kind="progress" onClose={close} />}
      {dialog === 'submit' && <ReportDialog task={task} kind="submission" onClose={close} />}
      {dialog === 'split' && <SplitDialog task={task} onClose={close} />}
      {dialog === 'extension' && <ExtensionDialog task={task} onClose={close} />}
      {dialog === 'reassign' && <ReassignDialog task={task} onClose={close} />}
      {dialog === 'refuse' && (
        <TextDialog
          t={t}
          title={t('task.refuse.title')}
          summary={task.title}
          label={t('task.refuse.reason')}
          submitLabel={t('task.refuse.submit')}
          danger
          {...text('reason', refuse)}
          onSubmit={(reason) => refuse.mutate({ id: task.id, reason }, { onSuccess: close })}
        />
      )}
      {dialog === 'acceptResult' && (
        <TextDialog
          t={t}
          title={t('task.acceptResult.title')}
          summary={task.title}
          label={t('task.acceptResult.comment')}
          submitLabel={t('task.acceptResult.submit')}
          optional
          {...text('comment', acceptResult)}
          onSubmit={(comment) => acceptResult.mutate({ id: task.id, ...(comment && { comment }) }, { onSuccess: close })}
        />
      )}
      {dialog === 'return' && (
        <TextDialog
          t={t}
          title={t('task.return.title')}
          summary={task.title}
          label={t('task.return.reason')}
          submitLabel={t('task.return.submit')}
          {...text('reason', returnTask)}
          onSubmit={(reason) => returnTask.mutate({ id: task.id, reason }, { onSuccess: close })}
        />
      )}
      {dialog === 'grant' && (
        <TextDialog
          t={t}
          title={t('task.grant.title')}
          summary={task.pendingExtension?.reason}
          label={t('task.grant.comment')}
          submitLabel={t('task.grant.submit')}
          optional
          {...text('reason', decide)}
          onSubmit={(reason) => decide.mutate({ id: task.id, grant: true, ...(reason && { reason }) }, { onSuccess: close })}
        />
      )}
      {dialog === 'refuseExtension' && (
        <TextDialog
          t={t}
          title={t('task.refuseExtension.title')}
          summary={task.pendingExtension?.reason}
          label={t('task.refuseExtension.reason')}
          submitLabel={t('task.refuseExtension.submit')}
          danger
          {...text('reason', decide)}
          onSubmit={(reason) => decide.mutate({ id: task.id, grant: false, reason }, { onSuccess: close })}
        />
      )}
      {dialog === 'cancel' && (
        <TextDialog
          t={t}
          title={t('task.cancel.title')}
          summary={task.title}
          label={t('task.cancel.reason')}
          submitLabel={t('task.cancel.submit')}
          danger
          {...text('reason', cancel)}
          onSubmit={(reason) => cancel.mutate({ id: task.id, reason }, { onSuccess: close })}
        />
      )}
    </Paper>
  );
}
