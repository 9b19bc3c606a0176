import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useSignedIn } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { AssignDialog } from './assign-dialog';
import { ASSIGNABLE, useComplete, useRefuse, useStart, type IncomingCopy } from './incoming-query';
import { TextDialog } from './reason-dialog';
import { useIncomingTexts } from './texts';

type Size = 'xs' | 'sm';

/**
 * The recipient's office on a copy (a clerk, or a leader, of the organisation): assign it to a
 * handler with a deadline — again, to another one, while nobody has started — or refuse it with
 * a reason. The workflow decides; the buttons are offered where it would agree.
 */
export function ClerkActions({ copy, size = 'sm' }: { copy: IncomingCopy; size?: Size }) {
  const { t } = useIncomingTexts();
  const [open, setOpen] = useState<'assign' | 'refuse'>();
  const refuse = useRefuse();
  if (!ASSIGNABLE.includes(copy.status)) return null;
  const close = () => {
    setOpen(undefined);
    refuse.reset();
  };
  const named = { notation: copy.notation };
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size={size} onClick={() => setOpen('assign')} aria-label={t(copy.handler ? 'actions.reassignNamed' : 'actions.assignNamed', named)}>
        {copy.handler ? t('actions.reassign') : t('actions.assign')}
      </Button>
      <Button size={size} variant="default" onClick={() => setOpen('refuse')} aria-label={t('actions.refuseNamed', named)}>
        {t('actions.refuse')}
      </Button>
      {open === 'assign' && <AssignDialog copy={copy} onClose={close} />}
      {open === 'refuse' && (
        <TextDialog
          t={t}
          title={t('refuse.title')}
          summary={t('refuse.summary', { notation: copy.notation })}
          label={t('refuse.reason')}
          field="reason"
          maxLength={4000}
          submitLabel={t('refuse.submit')}
          danger
          pending={refuse.isPending}
          error={refuse.error}
          onSubmit={(reason) => refuse.mutate({ id: copy.id, reason }, { onSuccess: close })}
          onClose={close}
        />
      )}
    </Group>
  );
}

/** The handler's own steps: start processing, then report the result (which completes the copy). */
export function HandlerActions({ copy, size = 'sm' }: { copy: IncomingCopy; size?: Size }) {
  const { t } = useIncomingTexts();
  const { principal } = useSignedIn();
  const [reporting, setReporting] = useState(false);
  const start = useStart();
  const complete = useComplete();
  if (copy.handler !== principal.userId) return null;
  const named = { notation: copy.notation };
  const close = () => {
    setReporting(false);
    complete.reset();
  };
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap">
        {copy.status === 'assigned' && (
          <Button size={size} variant="default" loading={start.isPending} onClick={() => start.mutate({ id: copy.id })} aria-label={t('actions.startNamed', named)}>
            {t('actions.start')}
          </Button>
        )}
        {(copy.status === 'assigned' || copy.status === 'processing') && (
          <Button size={size} onClick={() => setReporting(true)} aria-label={t('actions.completeNamed', named)}>
            {t('actions.complete')}
          </Button>
        )}
      </Group>
      {start.isError && <ProblemAlert t={t} error={start.error} />}
      {reporting && (
        <TextDialog
          t={t}
          title={t('complete.title')}
          summary={t('complete.summary', { notation: copy.notation })}
          label={t('complete.report')}
          field="report"
          maxLength={20_000}
          submitLabel={t('complete.submit')}
          pending={complete.isPending}
          error={complete.error}
          onSubmit={(report) => complete.mutate({ id: copy.id, report }, { onSuccess: close })}
          onClose={close}
        />
      )}
    </Stack>
  );
}
