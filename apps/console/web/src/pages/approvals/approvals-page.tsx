import { Alert, Anchor, Badge, Stack, Text, Title } from '@mantine/core';
import { createColumnHelper, useTable, type PaginationState, type Updater } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSignedIn } from '../../auth/session-context';
import { DataTable, PAGE_SIZES, pageAfter, pagedTable } from '../../components/data-table';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { UrgencyMark } from '../../components/urgency-mark';
import { formatDay } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import { DocumentActions } from '../document/document-actions';
import { useDocumentList, type DocumentView } from '../document/document-queries';
import type { StepName } from '../document/document-steps';

const helper = createColumnHelper<typeof pagedTable, DocumentView>();
const NO_ROWS: DocumentView[] = [];
/** What a leader does from this list; the document's page offers the rest. */
const STEPS: readonly StepName[] = ['approve', 'return', 'reject', 'sign'];

/**
 * What awaits the leader: documents in review with them as the current reviewer, and documents
 * for them to sign (the service's `awaiting` filter), newest first. Each can be
 * approved, returned, rejected or signed (with the PIN) from here, or opened to read first.
 */
export default function ApprovalsPage() {
  const { t, i18n } = useTranslation(['approvals', 'document', 'translation']);
  const { principal } = useSignedIn();
  const directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const [done, setDone] = useState<{ step: StepName; subject: string }>();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.find((s) => s === Number(params.get('size'))) ?? 20;
  const list = useDocumentList({ awaiting: principal.userId, page, pageSize });

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('subject', {
          header: t('columns.subject'),
          cell: (info) => (
            <Anchor component={Link} to={`/documents/${encodeURIComponent(info.row.original.id)}`} size="sm">
              {info.getValue()}
            </Anchor>
          ),
        }),
        helper.accessor('type', { header: t('columns.type'), cell: (info) => t(`documentTypes.${info.getValue()}`, { ns: 'translation' }) }),
        helper.accessor('status', {
          header: t('columns.step'),
          cell: (info) => (
            <Badge variant="outline" color={info.getValue() === 'signing' ? 'grape.9' : 'blue.9'} size="sm">
              {t(info.getValue() === 'signing' ? 'steps.sign' : 'steps.review')}
            </Badge>
          ),
        }),
        helper.accessor('createdBy', { header: t('columns.author'), cell: (info) => directory.person(info.getValue()) }),
        helper.accessor('createdAt', { header: t('columns.createdAt'), cell: (info) => formatDay(info.getValue(), i18n.language) }),
        helper.accessor('dueDate', { header: t('columns.dueDate'), cell: (info) => formatDay(info.getValue(), i18n.language) }),
        helper.accessor('urgency', { header: t('columns.urgency'), cell: (info) => <UrgencyMark urgency={info.getValue()} /> }),
        helper.accessor('secrecy', { header: t('columns.secrecy'), cell: (info) => <SecrecyMark secrecy={info.getValue()} /> }),
        helper.display({
          id: 'actions',
          header: t('columns.actions'),
          cell: (info) => <DocumentActions doc={info.row.original} only={STEPS} size="xs" onDone={(step, doc) => setDone({ step, subject: doc.subject })} />,
        }),
      ]),
    [t, i18n.language, directory],
  );
  const pagination = useMemo(() => ({ pageIndex: page - 1, pageSize }), [page, pageSize]);
  const onPagination = (updater: Updater<PaginationState>) => {
    const next = pageAfter({ page, pageSize }, updater);
    const values = new URLSearchParams(params);
    values.set('page', String(next.page));
    values.set('size', String(next.size));
    setParams(values, { replace: true });
  };
  const table = useTable({
    features: pagedTable,
    columns,
    data: list.data?.items ?? NO_ROWS,
    rowCount: list.data?.total ?? 0,
    manualPagination: true,
    state: { pagination },
    onPaginationChange: onPagination,
    getRowId: (row) => row.id,
  });

  return (
    <Stack>
      <div>
        <Title order={1}>{t('title')}</Title>
        <Text size="sm">{t('intro')}</Text>
      </div>
      {done && (
        <Alert color="green" role="status" withCloseButton closeButtonLabel={t('dialog.dismiss', { ns: 'document' })} onClose={() => setDone(undefined)}>
          {t(`steps.${done.step}.done`, { ns: 'document' })} {t('doneFor', { subject: done.subject })}
        </Alert>
      )}
      {list.isError ? (
        <ProblemAlert error={list.error} ns="document" />
      ) : (
        <DataTable table={table} total={list.data?.total ?? 0} caption={t('caption')} empty={list.isPending ? t('loading') : t('empty')} />
      )}
    </Stack>
  );
}
