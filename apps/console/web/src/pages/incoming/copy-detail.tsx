import { Anchor, Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { UrgencyMark } from '../../components/urgency-mark';
import { formatDayTime } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import { CopyHistory } from './copy-history';
import { DeadlineMark } from './deadline-mark';
import { downloadCopyFile, OPEN_STATUSES, useIncomingCopy, type BlobRef, type IncomingCopy } from './incoming-query';
import { useIncomingTexts } from './texts';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** A file's name for saving: the copy's arrival number and what the file is. */
const fileName = (copy: IncomingCopy, what: string, blob: BlobRef) => `den-${copy.arrivalNumber}-${what}.${EXTENSIONS[blob.contentType] ?? 'bin'}`;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Files({ copy }: { copy: IncomingCopy }) {
  const { t } = useIncomingTexts();
  const download = useMutation({ mutationFn: ({ blob, name }: { blob: BlobRef; name: string }) => downloadCopyFile(copy.id, blob, name) });
  if (!copy.content) return <Alert color="gray">{t('detail.recalledContent')}</Alert>;
  const files = [
    { blob: copy.content, label: t('detail.content'), name: fileName(copy, 'noi-dung', copy.content) },
    ...copy.attachments.map((blob, i) => ({ blob, label: t('detail.attachment', { n: i + 1 }), name: fileName(copy, `phu-luc-${i + 1}`, blob) })),
  ];
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {files.map((file) => (
          <Button key={file.blob.sha256} variant="default" size="xs" onClick={() => download.mutate(file)} loading={download.isPending && download.variables?.blob === file.blob}>
            {t('detail.download', { file: file.label })}
          </Button>
        ))}
      </Group>
      {download.isError && <ProblemAlert t={t} error={download.error} />}
    </Stack>
  );
}

/**
 * One incoming copy: what it is (linked to its source document's page), where it stands, its
 * files, the actions the person may take on it, and its history. Registration is the system's:
 * the copy is verified and given its arrival number on arrival, which the page says.
 */
export function CopyDetail({ id, back, actions }: { id: string; back: { to: string; label: string }; actions: (copy: IncomingCopy) => ReactNode }) {
  const { t, i18n } = useIncomingTexts();
  const names = useDirectory();
  const query = useIncomingCopy(id);
  if (query.isPending) return <Loader aria-label={t('app.loading')} />;
  if (query.isError) {
    return (
      <Stack>
        <Anchor component={Link} to={back.to}>
          {back.label}
        </Anchor>
        <ProblemAlert t={t} error={query.error} />
      </Stack>
    );
  }
  const copy = query.data;
  const open = OPEN_STATUSES.includes(copy.status);
  return (
    <Stack>
      <Anchor component={Link} to={back.to} size="sm">
        {back.label}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1}>{t('detail.title', { arrivalNumber: copy.arrivalNumber })}</Title>
        <SecrecyMark secrecy={copy.secrecy} />
      </Group>
      <Text>{copy.subject}</Text>
      {copy.status === 'arrived' ? (
        <Alert color="blue" variant="outline">
          {t('detail.registering')}
        </Alert>
      ) : (
        <Text size="sm">{t('detail.registered', { at: formatDayTime(copy.arrivedAt, i18n.language), arrivalNumber: copy.arrivalNumber })}</Text>
      )}
      <Paper withBorder p="md">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" m={0}>
          <Field label={t('columns.notation')}>
            <Anchor component={Link} to={`/documents/${encodeURIComponent(copy.documentId)}`} size="sm">
              {copy.notation}
            </Anchor>
          </Field>
          <Field label={t('columns.type')}>{t(`documentTypes.${copy.type}`)}</Field>
          <Field label={t('columns.issuer')}>{names.organisation(copy.issuer)}</Field>
          <Field label={t('columns.arrivalNumber')}>{copy.arrivalNumber}</Field>
          <Field label={t('columns.arrivedAt')}>{formatDayTime(copy.arrivedAt, i18n.language)}</Field>
          <Field label={t('columns.urgency')}>
            <UrgencyMark urgency={copy.urgency} />
          </Field>
          <Field label={t('columns.secrecy')}>{copy.secrecy === 'none' ? t('detail.notSecret') : <SecrecyMark secrecy={copy.secrecy} />}</Field>
          <Field label={t('columns.status')}>{t(`recipientStatus.${copy.status}`)}</Field>
          <Field label={t('columns.handler')}>{copy.handler ? names.person(copy.handler) : t('detail.noHandler')}</Field>
          <Field label={t('columns.deadline')}>{copy.deadline ? <DeadlineMark deadline={copy.deadline} open={open} /> : t('detail.noDeadline')}</Field>
        </SimpleGrid>
      </Paper>
      {copy.report && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('detail.report')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {copy.report}
          </Text>
        </Paper>
      )}
      <section aria-labelledby="copy-files">
        <Title order={2} size="h4" id="copy-files" mb="xs">
          {t('detail.files')}
        </Title>
        <Files copy={copy} />
      </section>
      {actions(copy)}
      <section aria-labelledby="copy-history">
        <Title order={2} size="h4" id="copy-history" mb="xs">
          {t('history.title')}
        </Title>
        <CopyHistory copy={copy} />
      </section>
    </Stack>
  );
}
