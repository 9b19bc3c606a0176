import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AREAS, isFor } from '../../app/navigation';
import { useSignedIn } from '../../auth/session-context';
import type { DocumentView } from './document-queries';
import { mayRevise, stepsFor, type StepName } from './document-steps';
import { StepDialog } from './step-dialog';

const DRAFTING = AREAS.find((a) => a.key === 'drafting');

/**
 * The buttons of what the viewer may do to the document now, each opening its confirmation, and
 * what was done, said once it is. `only` narrows them (the approvals list offers its own steps).
 */
export function DocumentActions({
  doc,
  only,
  size = 'sm',
  onDone,
}: {
  doc: DocumentView;
  only?: readonly StepName[];
  size?: 'xs' | 'sm';
  /** Told instead of saying it here, for a list the document may leave once done. */
  onDone?: (step: StepName, doc: DocumentView) => void;
}) {
  const { t } = useTranslation('document');
  const { principal } = useSignedIn();
  const [open, setOpen] = useState<StepName>();
  const [done, setDone] = useState<StepName>();
  const steps = stepsFor(doc, principal).filter((s) => !only || only.includes(s));
  const revise = !only && mayRevise(doc, principal) && DRAFTING && isFor(DRAFTING, principal.role);

  return (
    <>
      {(steps.length > 0 || revise) && (
        <Group gap="xs">
          {steps.map((step) => (
            <Button
              key={step}
              size={size}
              variant={step === 'return' || step === 'reject' || step === 'recall' ? 'default' : 'filled'}
              onClick={() => {
                setDone(undefined);
                setOpen(step);
              }}
              aria-label={only ? t(`steps.${step}.labelFor`, { subject: doc.subject }) : undefined}
            >
              {t(`steps.${step}.button`)}
            </Button>
          ))}
          {revise && (
            <Button component={Link} to={`/drafting/${encodeURIComponent(doc.id)}/edit`} size={size} variant="default">
              {t(doc.status === 'returned' ? 'revise.returned' : 'revise.draft')}
            </Button>
          )}
        </Group>
      )}
      {done && (
        <Alert color="green" role="status" mt="xs" withCloseButton closeButtonLabel={t('dialog.dismiss')} onClose={() => setDone(undefined)}>
          {t(`steps.${done}.done`)}
        </Alert>
      )}
      {open && (
        <StepDialog
          doc={doc}
          step={open}
          onClose={() => setOpen(undefined)}
          onDone={(step) => {
            setOpen(undefined);
            if (onDone) onDone(step, doc);
            else setDone(step);
          }}
        />
      )}
    </>
  );
}
