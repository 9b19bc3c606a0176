import { Anchor, Badge } from '@mantine/core';
import { createColumnHelper, useTable, type PaginationState, type Updater } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, pagedTable } from '../../components/data-table';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { UrgencyMark } from '../../components/urgency-mark';
import { formatDay } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import { useDocumentList, type DocumentQuery, type DocumentView } from '../document/document-queries';

const helper = createColumnHelper<typeof pagedTable, DocumentView>();
const NO_ROWS: DocumentView[] = [];

/** A page of outgoing documents as the service lists them, each subject a link to the document's page. */
export function DocumentList({
  query,
  caption,
  empty,
  onPagination,
  showAuthor = false,
}: {
  query: DocumentQuery & { page: number; pageSize: number };
  caption: string;
  empty: string;
  onPagination: (updater: Updater<PaginationState>) => void;
  showAuthor?: boolean;
}) {
  const { t, i18n } = useTranslation(['drafting', 'document', 'translation']);
  const directory = useDirectory();
  const list = useDocumentList(query);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('subject', {
          header: t('list.subject'),
          cell: (info) => (
            <Anchor component={Link} to={`/documents/${encodeURIComponent(info.row.original.id)}`} size="sm">
              {info.getValue()}
            </Anchor>
          ),
        }),
        helper.accessor('type', { header: t('list.type'), cell: (info) => t(`documentTypes.${info.getValue()}`, { ns: 'translation' }) }),
        helper.accessor('status', {
          header: t('list.status'),
          cell: (info) => (
            <Badge variant="outline" color="blue.9" size="sm">
              {/* Listed as signed (the clerk's queue to issue): "signing" would read "awaiting signature". */}
              {t(`status.${query.signed === true && info.getValue() === 'signing' ? 'signed' : info.getValue()}`, { ns: 'document' })}
            </Badge>
          ),
        }),
        helper.accessor('notation', { header: t('list.notation'), cell: (info) => info.getValue() ?? '—' }),
        ...(showAuthor ? [helper.accessor('createdBy', { header: t('list.author'), cell: (info) => directory.person(info.getValue()) })] : []),
        helper.accessor('createdAt', { header: t('list.createdAt'), cell: (info) => formatDay(info.getValue(), i18n.language) }),
        helper.accessor('dueDate', { header: t('list.dueDate'), cell: (info) => formatDay(info.getValue(), i18n.language) }),
        helper.accessor('urgency', { header: t('list.urgency'), cell: (info) => <UrgencyMark urgency={info.getValue()} /> }),
        helper.accessor('secrecy', { header: t('list.secrecy'), cell: (info) => <SecrecyMark secrecy={info.getValue()} /> }),
      ]),
    [t, i18n.language, directory, showAuthor, query.signed],
  );
  const pagination = useMemo(() => ({ pageIndex: query.page - 1, pageSize: query.pageSize }), [query.page, query.pageSize]);
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
  if (list.isError) return <ProblemAlert error={list.error} ns="drafting" />;
  return <DataTable table={table} total={list.data?.total ?? 0} caption={caption} empty={list.isPending ? t('loading') : empty} />;
}
