import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { SecrecyMark } from '../../components/secrecy-mark';
import { vietnamToday } from '../../i18n/vietnam-time';
import { ProblemAlert } from '../../components/problem-alert';
import { FieldProblem, placeProblem } from '../../components/form-problem';
import { useAssign, type IncomingCopy } from './incoming-query';
import { useOrganisationPeople } from '../../api/directory';
import { HANDLER_ROLES } from './people';
import { useIncomingTexts } from './texts';

const INPUTS = ['handler', 'deadline'] as const;

/**
 * Giao xử lý: a handler of the organisation and the deadline day. Without a day the workflow
 * takes the document's own due date, else the time its urgency allows.
 */
export function AssignDialog({ copy, onClose }: { copy: IncomingCopy; onClose: () => void }) {
  const { t } = useIncomingTexts();
  const people = useOrganisationPeople();
  const assign = useAssign();
  const [handler, setHandler] = useState<string | null>(copy.handler ?? null);
  const [deadline, setDeadline] = useState('');
  const [missing, setMissing] = useState<Partial<Record<(typeof INPUTS)[number], string>>>({});
  const placed = placeProblem(assign.error, t, INPUTS);
  const today = vietnamToday();

  const groups = HANDLER_ROLES.map((role) => ({
    group: t(`roles.${role}`),
    items: (people.data?.items ?? []).filter((u) => u.role === role).map((u) => ({ value: u.id, label: `${u.fullName} — ${u.position}` })),
  })).filter((g) => g.items.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(!handler && { handler: t('assign.handlerRequired') }),
      ...(deadline && deadline < today && { deadline: t('assign.deadlinePast') }),
    };
    setMissing(found);
    if (handler && Object.keys(found).length === 0) assign.mutate({ id: copy.id, handler, ...(deadline && { deadline }) }, { onSuccess: onClose });
  };
  const errorOf = (name: (typeof INPUTS)[number]) => (missing[name] ? <FieldProblem message={missing[name]} /> : placed.errorOf(name));

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('actions.close') }} title={copy.handler ? t('assign.titleAgain') : t('assign.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {t('assign.document', { notation: copy.notation, arrivalNumber: copy.arrivalNumber })} <SecrecyMark secrecy={copy.secrecy} />
          </Text>
          <Text size="sm" c="dimmed">
            {copy.subject}
          </Text>
          {people.isError && <ProblemAlert t={t} error={people.error} />}
          <Select
            label={t('assign.handler')}
            placeholder={t('assign.handlerPlaceholder')}
            data={groups}
            value={handler}
            onChange={(value) => {
              setHandler(value);
              setMissing(({ handler: _, ...rest }) => rest);
            }}
            searchable
            required
            nothingFoundMessage={t('assign.nobody')}
            error={errorOf('handler')}
            disabled={people.isPending}
          />
          <TextInput
            type="date"
            label={t('assign.deadline')}
            description={t('assign.deadlineHint')}
            value={deadline}
            min={today}
            onChange={(e) => {
              setDeadline(e.currentTarget.value);
              setMissing(({ deadline: _, ...rest }) => rest);
            }}
            error={errorOf('deadline')}
          />
          {placed.unplaced && <ProblemAlert t={t} error={assign.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={assign.isPending}>
              {t('assign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
