import { Anchor, Stack, Text } from '@mantine/core';
import { createColumnHelper, useTable, type PaginationState, type Updater } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { DataTable, pagedTable } from '../../components/data-table';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { UrgencyMark } from '../../components/urgency-mark';
import { formatDay } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import { DeadlineMark } from './deadline-mark';
import { OPEN_STATUSES, useIncomingList, type IncomingCopy, type IncomingListView } from './incoming-query';
import { useIncomingTexts } from './texts';

const helper = createColumnHelper<typeof pagedTable, IncomingCopy>();
const NO_ROWS: IncomingCopy[] = [];

/**
 * A page of copies as the service pages them: arrival number and day, sender, type and notation
 * (linked to the source document's page), subject (linked to the copy's page), marks, handler,
 * deadline (near or past flagged), status, and the actions the viewer may take on each.
 */
export function IncomingTable({
  view,
  caption,
  empty,
  copyPath,
  actions,
  onPagination,
}: {
  view: IncomingListView;
  caption: string;
  empty: string;
  copyPath: (copy: IncomingCopy) => string;
  actions: (copy: IncomingCopy) => ReactNode;
  onPagination: (updater: Updater<PaginationState>) => void;
}) {
  const { t, i18n } = useIncomingTexts();
  const names = useDirectory();
  const list = useIncomingList(view);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('arrivalNumber', { header: t('columns.arrivalNumber') }),
        helper.accessor('arrivedAt', { header: t('columns.arrivedAt'), cell: (info) => formatDay(info.getValue(), i18n.language) }),
        helper.accessor('issuer', { header: t('columns.issuer'), cell: (info) => names.organisation(info.getValue()) }),
        helper.display({
          id: 'document',
          header: t('columns.document'),
          cell: ({ row }) => (
            <Stack gap={0}>
              <Text size="sm">{t(`documentTypes.${row.original.type}`)}</Text>
              <Anchor component={Link} to={`/documents/${encodeURIComponent(row.original.documentId)}`} size="sm" aria-label={t('list.openDocument', { notation: row.original.notation })}>
                {row.original.notation}
              </Anchor>
            </Stack>
          ),
        }),
        helper.accessor('subject', {
          header: t('columns.subject'),
          cell: ({ row }) => (
            <Anchor component={Link} to={copyPath(row.original)} size="sm">
              {row.original.subject}
            </Anchor>
          ),
        }),
        helper.display({
          id: 'marks',
          header: t('columns.marks'),
          cell: ({ row }) => (
            <Stack gap={4} align="flex-start">
              <UrgencyMark urgency={row.original.urgency} />
              <SecrecyMark secrecy={row.original.secrecy} />
            </Stack>
          ),
        }),
        helper.accessor('handler', { header: t('columns.handler'), cell: (info) => (info.getValue() ? names.person(info.getValue()!) : '') }),
        helper.accessor('deadline', {
          header: t('columns.deadline'),
          cell: ({ row }) => <DeadlineMark deadline={row.original.deadline} open={OPEN_STATUSES.includes(row.original.status)} />,
        }),
        helper.accessor('status', { header: t('columns.status'), cell: (info) => t(`recipientStatus.${info.getValue()}`) }),
        helper.display({ id: 'actions', header: t('columns.actions'), cell: ({ row }) => actions(row.original) }),
      ]),
    [t, i18n.language, names, copyPath, actions],
  );
  const pagination = useMemo(() => ({ pageIndex: view.page - 1, pageSize: view.pageSize }), [view.page, view.pageSize]);
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
  if (list.isError) return <ProblemAlert t={t} error={list.error} />;
  return <DataTable table={table} total={list.data?.total ?? 0} caption={caption} empty={list.isPending ? t('app.loading') : empty} />;
}
