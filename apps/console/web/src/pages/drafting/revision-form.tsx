import { Alert, Anchor, Button, Fieldset, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSignedIn } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { formatDayTime, vietnamToday } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import { useDocument, type DocumentView } from '../document/document-queries';
import { mayRevise } from '../document/document-steps';
import { AttachmentsInput, ApproversInput, ContentInput, DueDateInput, RecipientsInput } from './draft-inputs';
import { checkRevision, fingerprintOf, keyFor, problemErrors, WITH_SHELL_TEXTS, type DraftErrors } from './draft-values';
import { useReviseDraft } from './drafting-queries';

/** Why it came back: the last return's reason, and who gave it. */
function ReturnNote({ doc }: { doc: DocumentView }) {
  const { t, i18n } = useTranslation('drafting');
  const directory = useDirectory();
  const returned = [...doc.history].reverse().find((h) => h.action === 'returned');
  if (doc.status !== 'returned' || !returned) return null;
  return (
    // The title in the text's colour: the library's yellow on yellow is too faint to read (WCAG AA).
    <Alert color="yellow" title={t('revise.returnedBy', { name: directory.person(returned.actor), at: formatDayTime(returned.at, i18n.language) })} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {returned.note}
      </Text>
    </Alert>
  );
}

/** What a revision cannot change: the service keeps them from the draft's creation. */
function FixedFields({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation(['drafting', 'translation'], WITH_SHELL_TEXTS);
  const directory = useDirectory();
  return (
    <Table withTableBorder fz="sm">
      <Table.Caption>{t('revise.fixed')}</Table.Caption>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row">{t('form.type')}</Table.Th>
          <Table.Td>{t(`documentTypes.${doc.type}`, { ns: 'translation' })}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">{t('form.subject')}</Table.Th>
          <Table.Td>{doc.subject}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">{t('form.signer')}</Table.Th>
          <Table.Td>{`${doc.signer.authority === 'none' ? '' : `${doc.signer.authority} ${doc.signer.onBehalfOf ?? ''} · `}${directory.person(doc.signer.userId)}`}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">{t('form.urgency')}</Table.Th>
          <Table.Td>{t(`urgency.${doc.urgency}`, { ns: 'translation' })}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">{t('form.secrecy')}</Table.Th>
          <Table.Td>{doc.secrecy === 'none' ? t('form.notSecret') : <SecrecyMark secrecy={doc.secrecy} />}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function Revision({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation(['drafting', 'translation'], WITH_SHELL_TEXTS);
  const navigate = useNavigate();
  const revise = useReviseDraft();
  const today = vietnamToday();
  const [approvers, setApprovers] = useState(doc.approvers);
  const [recipients, setRecipients] = useState(doc.addressees ?? []);
  const [dueDate, setDueDate] = useState(doc.dueDate ?? '');
  const [content, setContent] = useState<File | null>(null);
  const [attachments, setAttachments] = useState<File[]>([]);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [request, setRequest] = useState<{ key: string; fingerprint: string }>();
  const returned = doc.status === 'returned';

  const send = (event: FormEvent) => {
    event.preventDefault();
    const found = checkRevision({ recipients, dueDate, content, attachments }, today, t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    // A due date cannot be taken away by a revision, only changed: an emptied one keeps the old.
    const metadata = { approvers, recipients, ...(dueDate && { dueDate }) };
    const next = keyFor(request, fingerprintOf(metadata, [content, ...attachments]));
    setRequest(next);
    revise.mutate(
      { id: doc.id, metadata, content, ...(attachments.length > 0 && { attachments }), idempotencyKey: next.key },
      {
        onSuccess: () => void navigate(`/documents/${encodeURIComponent(doc.id)}`, { state: { notice: returned ? 'resubmitted' : 'revised' } }),
        onError: (error) => setErrors(problemErrors(error, t)),
      },
    );
  };

  return (
    <form onSubmit={send} noValidate>
      <Stack maw={960}>
        <Title order={1}>{t(returned ? 'revise.titleReturned' : 'revise.titleDraft')}</Title>
        <Text size="sm">{t(returned ? 'revise.introReturned' : 'revise.introDraft')}</Text>
        <ReturnNote doc={doc} />
        <FixedFields doc={doc} />
        <Fieldset legend={t('form.signing')}>
          <ApproversInput value={approvers} onChange={setApprovers} error={errors.approvers} exclude={doc.signer.userId} />
        </Fieldset>
        <Fieldset legend={t('form.distribution')}>
          <Stack>
            <RecipientsInput value={recipients} onChange={setRecipients} error={errors.recipients} />
            <DueDateInput value={dueDate} onChange={setDueDate} error={errors.dueDate} min={today} />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('form.files')}>
          <Stack>
            <ContentInput label={t('revise.content')} value={content} onChange={setContent} error={errors.content} required={false} />
            <AttachmentsInput label={t('revise.attachments')} description={t('revise.attachmentsHelp', { count: doc.attachments.length })} value={attachments} onChange={setAttachments} error={errors.attachments} />
          </Stack>
        </Fieldset>
        {revise.isError && <ProblemAlert error={revise.error} title={t('form.notSaved')} ns="drafting" />}
        <Group>
          <Button type="submit" loading={revise.isPending}>
            {t(returned ? 'revise.resubmit' : 'revise.save')}
          </Button>
          <Anchor component={Link} to={`/documents/${encodeURIComponent(doc.id)}`} size="sm">
            {t('form.cancel')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

/** Its author revises a draft, or one returned to them with the reviewer's reason; a returned one then goes back to review. */
export function RevisionForm() {
  const { t } = useTranslation('drafting');
  const { principal } = useSignedIn();
  const { id = '' } = useParams();
  const doc = useDocument(id);
  if (doc.isPending) return <Loader aria-label={t('loading')} />;
  if (doc.isError) return <ProblemAlert error={doc.error} ns="document" />;
  if (!mayRevise(doc.data, principal)) {
    return (
      <Stack>
        <Title order={1}>{t('revise.titleDraft')}</Title>
        <Alert color="yellow">{t('revise.notRevisable')}</Alert>
        <Anchor component={Link} to={`/documents/${encodeURIComponent(id)}`}>
          {t('revise.openDocument')}
        </Anchor>
      </Stack>
    );
  }
  // Keyed by the document's state: a reload after someone else's change starts the form afresh.
  return <Revision key={`${doc.data.id}-${doc.data.history.length}`} doc={doc.data} />;
}
