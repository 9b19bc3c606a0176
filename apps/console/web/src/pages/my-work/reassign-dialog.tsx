import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { FieldProblem, placeProblem } from '../../components/form-problem';
import { useOrganisationsBelow } from './organisations-below';
import { useReassignTask, type Task } from './task-query';
import { useMyWorkTexts } from './texts';

/** The assigner gives a refused task to another organisation below it. */
export function ReassignDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useMyWorkTexts();
  const { principal } = useSignedIn();
  const { below, error } = useOrganisationsBelow(principal.org);
  const reassign = useReassignTask();
  const [leadOrg, setLeadOrg] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const placed = placeProblem(reassign.error, t, ['leadOrg']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!leadOrg);
    if (leadOrg) reassign.mutate({ id: task.id, leadOrg }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('actions.close') }} title={t('reassign.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{task.title}</Text>
          {error && <ProblemAlert t={t} error={error} />}
          <Select
            label={t('reassign.leadOrg')}
            data={below.filter((o) => o.code !== task.leadOrg).map((o) => ({ value: o.code, label: o.name }))}
            value={leadOrg}
            onChange={(value) => {
              setLeadOrg(value);
              setMissing(false);
            }}
            searchable
            required
            error={missing ? <FieldProblem message={t('reassign.leadOrgRequired')} /> : placed.errorOf('leadOrg')}
          />
          {placed.unplaced && <ProblemAlert t={t} error={reassign.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={reassign.isPending}>
              {t('reassign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
