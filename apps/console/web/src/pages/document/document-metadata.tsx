import { Button, Group, List, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { UrgencyMark } from '../../components/urgency-mark';
import { formatDay, formatDayTime } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import { downloadDocumentFile, type DocumentView } from './document-queries';

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'application/msword': 'doc', 'application/zip': 'zip', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** An attachment's file name when saved: the document's files keep no names, only their type. */
export const attachmentName = (index: number, contentType: string) => `phu-luc-${index + 1}.${EXTENSIONS[contentType] ?? 'bin'}`;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="34%" fw={600}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function Attachments({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation('document');
  const download = useMutation({ mutationFn: ({ sha256, name }: { sha256: string; name: string }) => downloadDocumentFile(doc.id, sha256, name) });
  if (doc.attachments.length === 0) return <Text size="sm">{t('metadata.noAttachments')}</Text>;
  return (
    <>
      <List size="sm" spacing={4} listStyleType="none">
        {doc.attachments.map((file, i) => {
          const name = attachmentName(i, file.contentType);
          return (
            <List.Item key={file.sha256}>
              <Group gap="xs">
                <Text size="sm">{t('metadata.attachment', { number: i + 1, size: Math.max(1, Math.round(file.size / 1024)) })}</Text>
                <Button size="compact-xs" variant="default" onClick={() => download.mutate({ sha256: file.sha256, name })} aria-label={t('metadata.downloadAttachment', { number: i + 1 })}>
                  {t('metadata.download')}
                </Button>
              </Group>
            </List.Item>
          );
        })}
      </List>
      {download.isError && <ProblemAlert error={download.error} ns="document" />}
    </>
  );
}

/** The document's metadata, as Decree 30's Appendix VI lists an outgoing e-document's. */
export function DocumentMetadata({ doc }: { doc: DocumentView }) {
  const { t, i18n } = useTranslation('document');
  const directory = useDirectory();
  const authority = doc.signer.authority === 'none' ? '' : `${doc.signer.authority} ${doc.signer.onBehalfOf ?? ''}`.trim();
  return (
    <Table withTableBorder verticalSpacing="xs" fz="sm">
      <Table.Caption>{t('metadata.caption')}</Table.Caption>
      <Table.Tbody>
        <Row label={t('metadata.type')}>{t(`documentTypes.${doc.type}`, { ns: 'translation' })}</Row>
        <Row label={t('metadata.notation')}>{doc.notation ?? t('metadata.notIssued')}</Row>
        <Row label={t('metadata.issuedAt')}>{doc.issuedAt ? <time dateTime={doc.issuedAt}>{formatDayTime(doc.issuedAt, i18n.language)}</time> : '—'}</Row>
        <Row label={t('metadata.issuer')}>{directory.organisation(doc.issuer)}</Row>
        <Row label={t('metadata.signer')}>
          {authority && <Text span size="sm" fw={600}>{`${authority} · `}</Text>}
          {directory.person(doc.signer.userId)}
          {directory.position(doc.signer.userId) && <Text span size="sm" c="dimmed">{` (${directory.position(doc.signer.userId)})`}</Text>}
        </Row>
        <Row label={t('metadata.approvers')}>
          {doc.approvers.length === 0
            ? t('metadata.noApprovers')
            : doc.approvers.map((id, i) => (
                <Text key={id} size="sm">
                  {`${i + 1}. ${directory.person(id)}`}
                  {doc.currentApprover === id && ` — ${t('metadata.currentApprover')}`}
                </Text>
              ))}
        </Row>
        <Row label={t('metadata.author')}>{directory.person(doc.createdBy)}</Row>
        <Row label={t('metadata.createdAt')}>
          <time dateTime={doc.createdAt}>{formatDayTime(doc.createdAt, i18n.language)}</time>
        </Row>
        <Row label={t('metadata.urgency')}>
          <UrgencyMark urgency={doc.urgency} />
        </Row>
        <Row label={t('metadata.secrecy')}>{doc.secrecy === 'none' ? t('metadata.notSecret') : <SecrecyMark secrecy={doc.secrecy} />}</Row>
        <Row label={t('metadata.dueDate')}>{doc.dueDate ? formatDay(doc.dueDate, i18n.language) : '—'}</Row>
        <Row label={t('metadata.pageCount')}>{doc.pageCount}</Row>
        {doc.language && <Row label={t('metadata.language')}>{t(`header.languages.${doc.language}`, { ns: 'translation', defaultValue: doc.language })}</Row>}
        {doc.fileCode && <Row label={t('metadata.fileCode')}>{doc.fileCode}</Row>}
        {doc.copies !== undefined && <Row label={t('metadata.copies')}>{doc.copies}</Row>}
        <Row label={t('metadata.attachments')}>
          <Attachments doc={doc} />
        </Row>
      </Table.Tbody>
    </Table>
  );
}
