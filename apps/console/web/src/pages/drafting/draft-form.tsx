import { Anchor, Button, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemAlert } from '../../components/problem-alert';
import { vietnamToday } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import { AttachmentsInput, ApproversInput, ContentInput, DueDateInput, RecipientsInput } from './draft-inputs';
import {
  AUTHORITY_FORMS,
  checkDraft,
  DOCUMENT_TYPES,
  EMPTY_DRAFT,
  fingerprintOf,
  keyFor,
  metadataOf,
  problemErrors,
  SECRECIES,
  URGENCIES,
  WITH_SHELL_TEXTS,
  type DraftErrors,
  type DraftValues,
} from './draft-values';
import { useCreateDraft } from './drafting-queries';

/**
 * A new outgoing document: its PDF and attachments, its metadata (type, subject, signer and
 * reviewers of the organisation, recipients, urgency, secrecy, due date), checked here in plain
 * words, then sent as the scenario sends it (multipart, with an Idempotency-Key). The service's
 * refusal is shown above the form and beside the input it names.
 */
export function DraftForm() {
  const { t } = useTranslation(['drafting', 'translation'], WITH_SHELL_TEXTS);
  const directory = useDirectory();
  const navigate = useNavigate();
  const create = useCreateDraft();
  const today = vietnamToday();
  const [values, setValues] = useState<DraftValues>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [request, setRequest] = useState<{ key: string; fingerprint: string }>();

  const set = <K extends keyof DraftValues>(field: K, value: DraftValues[K]) => {
    // A refusal was of the form as it was sent; once changed, it no longer applies.
    if (create.isError) create.reset();
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field as keyof DraftErrors]: _fixed, ...rest }) => rest);
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    const found = checkDraft(values, today, t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // The first input to fix gets the focus, so a keyboard or screen-reader user lands on it.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const metadata = metadataOf(values);
    const next = keyFor(request, fingerprintOf(metadata, [values.content, ...values.attachments]));
    setRequest(next);
    create.mutate(
      { metadata, content: values.content!, attachments: values.attachments, idempotencyKey: next.key },
      {
        onSuccess: (doc) => void navigate(`/documents/${encodeURIComponent(doc.id)}`, { state: { notice: 'created' } }),
        onError: (error) => setErrors(problemErrors(error, t)),
      },
    );
  };

  const leaders = directory.users.filter((u) => u.role === 'leader').map((u) => ({ value: u.id, label: `${u.fullName} — ${u.position}` }));
  const option = (prefix: string) => (value: string) => ({ value, label: t(`${prefix}.${value}`, { ns: 'translation' }) });

  return (
    <form onSubmit={send} noValidate>
      <Stack maw={960}>
        <Title order={1}>{t('form.title')}</Title>
        <Text size="sm">{t('form.intro')}</Text>
        {directory.error && <ProblemAlert error={directory.error} ns="drafting" />}
        <Fieldset legend={t('form.document')}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('form.type')}
                required
                data={DOCUMENT_TYPES.map((type) => ({ value: type, label: `${t(`documentTypes.${type}`, { ns: 'translation' })} (${type})` }))}
                value={values.type}
                onChange={(value) => set('type', value as DraftValues['type'])}
                error={errors.type}
                searchable
                openOnFocus={false}
                nothingFoundMessage={t('form.nothingFound')}
              />
              <DueDateInput value={values.dueDate} onChange={(v) => set('dueDate', v)} error={errors.dueDate} min={today} />
            </SimpleGrid>
            <Textarea label={t('form.subject')} description={t('form.subjectHelp')} required autosize minRows={2} maxRows={6} value={values.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={errors.subject} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('form.urgency')} data={URGENCIES.map(option('urgency'))} value={values.urgency} onChange={(v) => v && set('urgency', v as DraftValues['urgency'])} error={errors.urgency} allowDeselect={false} />
              <Select
                label={t('form.secrecy')}
                description={t('form.secrecyHelp')}
                data={SECRECIES.map((s) => (s === 'none' ? { value: s, label: t('form.notSecret') } : option('secrecy')(s)))}
                value={values.secrecy}
                onChange={(v) => v && set('secrecy', v as DraftValues['secrecy'])}
                error={errors.secrecy}
                allowDeselect={false}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend={t('form.signing')}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select label={t('form.signer')} description={t('form.signerHelp')} required data={leaders} value={values.signer} onChange={(v) => set('signer', v)} error={errors.signer} searchable openOnFocus={false} nothingFoundMessage={t('form.nothingFound')} />
              <Select
                label={t('form.authority')}
                data={AUTHORITY_FORMS.map((a) => ({ value: a, label: t(`form.authorities.${a}`) }))}
                value={values.authority}
                onChange={(v) => v && set('authority', v as DraftValues['authority'])}
                error={errors.authority}
                allowDeselect={false}
              />
            </SimpleGrid>
            {values.authority !== 'none' && (
              <TextInput label={t('form.onBehalfOf')} description={t('form.onBehalfOfHelp')} required value={values.onBehalfOf} onChange={(e) => set('onBehalfOf', e.currentTarget.value)} error={errors.onBehalfOf} />
            )}
            <ApproversInput value={values.approvers} onChange={(v) => set('approvers', v)} error={errors.approvers} exclude={values.signer} />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('form.distribution')}>
          <RecipientsInput value={values.recipients} onChange={(v) => set('recipients', v)} error={errors.recipients} />
        </Fieldset>
        <Fieldset legend={t('form.files')}>
          <Stack>
            <ContentInput label={t('form.content')} value={values.content} onChange={(f) => set('content', f)} error={errors.content} required />
            <AttachmentsInput label={t('form.attachments')} description={t('form.attachmentsHelp')} value={values.attachments} onChange={(f) => set('attachments', f)} error={errors.attachments} />
          </Stack>
        </Fieldset>
        {Object.keys(errors).length > 0 && !create.isError && (
          <Text c="red.9" size="sm" role="alert">
            {t('form.fixErrors')}
          </Text>
        )}
        {create.isError && <ProblemAlert error={create.error} title={t('form.notSaved')} ns="drafting" />}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('form.save')}
          </Button>
          <Anchor component={Link} to="/drafting" size="sm">
            {t('form.cancel')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
