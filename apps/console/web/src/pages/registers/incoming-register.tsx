import { Anchor } from '@mantine/core';
import { createColumnHelper, useTable, type PaginationState, type Updater } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, pagedTable } from '../../components/data-table';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { formatDay } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import { useIncomingRegister, type IncomingRow, type RegisterView } from './register-query';

const helper = createColumnHelper<typeof pagedTable, IncomingRow>();
const NO_ROWS: IncomingRow[] = [];

/** Sổ đăng ký văn bản đến: the documents that reached the organisation, in arrival order; each line opens its copy. */
export function IncomingRegister({ view, valid, onPagination }: { view: RegisterView; valid: boolean; onPagination: (updater: Updater<PaginationState>) => void }) {
  const { t, i18n } = useTranslation();
  const names = useDirectory();
  const register = useIncomingRegister(view, valid);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('arrivalNumber', { header: t('registers.columns.arrivalNumber') }),
        helper.accessor('arrivedAt', { header: t('registers.columns.arrivedAt'), cell: (info) => formatDay(info.getValue(), i18n.language) }),
        helper.accessor('issuer', { header: t('registers.columns.issuer'), cell: (info) => names.organisation(info.getValue()) }),
        helper.accessor('notation', { header: t('registers.columns.notation') }),
        helper.accessor('type', { header: t('registers.columns.type'), cell: (info) => t(`documentTypes.${info.getValue()}`) }),
        // The line opens the organisation's copy (its handling, its history), as the outgoing register's opens the document.
        helper.accessor('subject', {
          header: t('registers.columns.subject'),
          cell: (info) => (
            <Anchor component={Link} to={`/incoming/${encodeURIComponent(info.row.original.id)}`} size="sm">
              {info.getValue()}
            </Anchor>
          ),
        }),
        helper.accessor('handler', { header: t('registers.columns.handler'), cell: (info) => (info.getValue() ? names.person(info.getValue()) : '') }),
        helper.accessor('deadline', { header: t('registers.columns.deadline'), cell: (info) => formatDay(info.getValue(), i18n.language) }),
        helper.accessor('status', { header: t('registers.columns.status'), cell: (info) => t(`recipientStatus.${info.getValue()}`) }),
        helper.accessor('secrecy', { header: t('registers.columns.secrecy'), cell: (info) => <SecrecyMark secrecy={info.getValue()} /> }),
      ]),
    [t, i18n.language, names],
  );
  const pagination = useMemo(() => ({ pageIndex: view.page - 1, pageSize: view.pageSize }), [view.page, view.pageSize]);
  const table = useTable({
    features: pagedTable,
    columns,
    data: register.data?.items ?? NO_ROWS,
    rowCount: register.data?.total ?? 0,
    manualPagination: true,
    state: { pagination },
    onPaginationChange: onPagination,
  });
  if (register.isError) return <ProblemAlert error={register.error} />;
  return (
    <DataTable
      table={table}
      total={register.data?.total ?? 0}
      caption={t('registers.caption.incoming', { from: formatDay(view.from, i18n.language), to: formatDay(view.to, i18n.language) })}
      empty={register.isPending ? t('app.loading') : t('registers.empty')}
    />
  );
}
