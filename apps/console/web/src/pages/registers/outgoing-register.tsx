import { Anchor } from '@mantine/core';
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
import { useOutgoingRegister, type OutgoingRow, type RegisterView } from './register-query';

const helper = createColumnHelper<typeof pagedTable, OutgoingRow>();
const NO_ROWS: OutgoingRow[] = [];

/** Sổ đăng ký văn bản đi: the organisation's issued documents in number order. */
export function OutgoingRegister({ view, valid, onPagination }: { view: RegisterView; valid: boolean; onPagination: (updater: Updater<PaginationState>) => void }) {
  const { t, i18n } = useTranslation();
  const names = useDirectory();
  const register = useOutgoingRegister(view, valid);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('number', { header: t('registers.columns.number') }),
        helper.accessor('notation', { header: t('registers.columns.notation') }),
        helper.accessor('issuedAt', { header: t('registers.columns.issuedAt'), cell: (info) => formatDay(info.getValue(), i18n.language) }),
        helper.accessor('type', { header: t('registers.columns.type'), cell: (info) => t(`documentTypes.${info.getValue()}`) }),
        helper.accessor('subject', {
          header: t('registers.columns.subject'),
          cell: (info) => (
            <Anchor component={Link} to={`/documents/${encodeURIComponent(info.row.original.documentId)}`} size="sm">
              {info.getValue()}
            </Anchor>
          ),
        }),
        helper.accessor('signer', { header: t('registers.columns.signer') }),
        helper.accessor('recipients', { header: t('registers.columns.recipients'), cell: (info) => names.organisationList(info.getValue()) }),
        helper.accessor('copies', { header: t('registers.columns.copies') }),
        helper.accessor('urgency', { header: t('registers.columns.urgency'), cell: (info) => <UrgencyMark urgency={info.getValue()} /> }),
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
      caption={t('registers.caption.outgoing', { from: formatDay(view.from, i18n.language), to: formatDay(view.to, i18n.language) })}
      empty={register.isPending ? t('app.loading') : t('registers.empty')}
    />
  );
}
