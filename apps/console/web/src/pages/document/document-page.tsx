import { Alert, Anchor, Badge, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { useSignInConfig } from '../../auth/sign-in-config';
import { useSignedIn } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { UrgencyMark } from '../../components/urgency-mark';
import { SourceTasks } from '../my-work/source-tasks';
import { DocumentActions } from './document-actions';
import { DocumentMetadata } from './document-metadata';
import { useDocument, useDocumentFile, type DocumentView } from './document-queries';
import { DocumentRecipients } from './document-recipients';
import { DocumentSignatures } from './document-signatures';
import { taskAccessOf } from './document-steps';
import { DocumentTimeline } from './document-timeline';
import { PdfViewer } from './pdf-viewer';

/** Where an operator sees the document's workflow: its history, each update, each activity. */
function WorkflowLink({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation('document');
  const config = useSignInConfig();
  const { temporalUiUrl, temporalNamespace } = config.data ?? {};
  if (!temporalUiUrl || !temporalNamespace) return null;
  const href = `${temporalUiUrl}/namespaces/${encodeURIComponent(temporalNamespace)}/workflows/${encodeURIComponent(doc.workflowId)}`;
  return (
    <Anchor href={href} target="_blank" rel="noreferrer" size="sm">
      {t('workflow.open')}
    </Anchor>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function DocumentContent({ doc }: { doc: DocumentView }) {
  const { t } = useTranslation('document');
  const content = useDocumentFile(doc.id, doc.content.sha256);
  const { principal } = useSignedIn();
  const location = useLocation();
  // What the drafting pages just did, said once on arrival.
  const notice = (location.state as { notice?: 'created' | 'revised' | 'resubmitted' } | null)?.notice;
  const tasks = taskAccessOf(doc, principal);
  const fileName = `${(doc.notation ?? doc.id).replace(/[^\p{L}\p{N}-]+/gu, '-')}.pdf`;

  return (
    <Stack>
      <Stack gap={6}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {t(`documentTypes.${doc.type}`, { ns: 'translation' })}
          </Text>
          <Text size="sm">{doc.notation ? t('header.notation', { notation: doc.notation }) : t('metadata.notIssued')}</Text>
          <Badge variant="outline" color="blue.9">
            {t(`status.${doc.status}`)}
          </Badge>
          <SecrecyMark secrecy={doc.secrecy} />
          {doc.urgency !== 'normal' && <UrgencyMark urgency={doc.urgency} />}
        </Group>
        <Title order={1}>{doc.subject}</Title>
      </Stack>
      {notice && (
        <Alert color="green" role="status">
          {t(`header.notices.${notice}`)}
        </Alert>
      )}
      <Group justify="space-between" align="flex-start">
        <DocumentActions doc={doc} />
        {principal.role === 'admin' && <WorkflowLink doc={doc} />}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section id="document-content" title={t('sections.content')}>
            {content.isError && <ProblemAlert error={content.error} ns="document" />}
            {content.isPending && <Loader aria-label={t('pdf.loading')} />}
            {content.data && <PdfViewer key={doc.content.sha256} data={content.data} title={doc.subject} filename={fileName} />}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Section id="document-metadata" title={t('sections.metadata')}>
              <DocumentMetadata doc={doc} />
            </Section>
            <Section id="document-signatures" title={t('sections.signatures')}>
              <DocumentSignatures doc={doc} content={content.data} />
            </Section>
            <Section id="document-recipients" title={t('sections.recipients')}>
              <DocumentRecipients doc={doc} />
            </Section>
            <Section id="document-timeline" title={t('sections.timeline')}>
              <DocumentTimeline doc={doc} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
      {/* Full width: a resolution assigns a task per clause and organisation, each a row of five columns that a side column would squeeze. */}
      {tasks !== 'none' && (
        <Section id="document-tasks" title={t('sections.tasks')}>
          <SourceTasks source={doc} mayAssign={tasks === 'assign'} />
        </Section>
      )}
    </Stack>
  );
}

function DocumentById() {
  const { t } = useTranslation('document');
  const { id = '' } = useParams();
  const doc = useDocument(id);
  if (doc.isPending) return <Loader aria-label={t('pdf.loading')} />;
  if (doc.isError) {
    return (
      <Stack>
        <Title order={1}>{t('notFound')}</Title>
        <ProblemAlert error={doc.error} ns="document" />
      </Stack>
    );
  }
  return <DocumentContent doc={doc.data} />;
}

/**
 * A document's own page (/documents/:id), for everyone who may read it: the PDF, its metadata,
 * signatures and their check, each recipient's status, its history, and what the viewer may do.
 * The service decides who may read it; anyone else is told it is not there.
 */
export default function DocumentPage() {
  return (
    <Routes>
      <Route path=":id" element={<DocumentById />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
