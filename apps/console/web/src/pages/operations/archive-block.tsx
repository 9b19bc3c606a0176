import { Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProblem } from '../../api/problem';
import { useSignedIn } from '../../auth/session-context';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDayTime } from '../../i18n/vietnam-time';
import { FigureBlock } from './figure-block';
import { useFigureFormat } from './figure-format';
import { FigureCell } from './figure-table';
import { ARCHIVE_AUDITORS, ARCHIVE_PACKAGE_READERS, useArchivedPackages, useLastFixityAudit, useLogHead } from './operations-queries';
import { useOperationsTexts } from './texts';

const refused = (error: unknown) => error instanceof ApiProblem && error.status === 403;

/**
 * The archive's state: the organisation's packages (the archive searches only one's own), the
 * log's size (every package of the archive is a leaf of it), and the last fixity audit, which
 * the archive shows administrators only. A figure the person's role may not read is not asked
 * for, and says whose it is; the others are shown all the same.
 */
export function ArchiveBlock({ org }: { org: string }) {
  const { t, i18n } = useOperationsTexts();
  const format = useFigureFormat();
  const { role } = useSignedIn().principal;
  const readsPackages = ARCHIVE_PACKAGE_READERS.includes(role);
  const readsAudits = ARCHIVE_AUDITORS.includes(role);
  const packages = useArchivedPackages(readsPackages);
  const head = useLogHead();
  const audit = useLastFixityAudit(readsAudits);
  const failures = [packages, head, audit].filter((q) => q.isError && !refused(q.error));

  const cell = <T,>(testId: string, query: UseQueryResult<T>, value: (data: T) => number | string | undefined, text: (data: T) => ReactNode, whoMay = '', mayRead = true) => {
    if (!mayRead) return <FigureCell testId={testId} value={undefined} text={t(`archive.notForRole.${whoMay}`)} />;
    if (query.isPending) return <FigureCell testId={testId} value={undefined} text={t('app.loading')} />;
    if (query.isError) return <FigureCell testId={testId} value={undefined} text={refused(query.error) ? t(`archive.notForRole.${whoMay}`) : t('archive.unavailable')} />;
    return <FigureCell testId={testId} value={value(query.data)} text={text(query.data)} />;
  };
  const lastAudit = audit.data;

  return (
    <FigureBlock id="archive" title={t('archive.title')} note={t('archive.note')}>
      <Table withTableBorder verticalSpacing={6} captionSide="top">
        <Table.Caption>{t('archive.tableCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('archive.figure')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('archive.value')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('archive.packages')}</Table.Th>
            {cell(`figure-archive-${org}-packages`, packages, (n) => n, format.count, 'packages', readsPackages)}
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('archive.logSize')}</Table.Th>
            {cell('figure-archive-all-logSize', head, (h) => h.treeSize, (h) => format.count(h.treeSize))}
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('archive.lastAudit')}</Table.Th>
            {cell(
              'figure-archive-all-lastAuditAt',
              audit,
              (a) => a?.startedAt,
              (a) => (a ? formatDayTime(a.finishedAt ?? a.startedAt, i18n.language) : t('archive.noAudit')),
              'audits',
              readsAudits,
            )}
          </Table.Tr>
          {lastAudit && (
            <Table.Tr>
              <Table.Th scope="row">{t('archive.lastAuditResult')}</Table.Th>
              <FigureCell
                testId="figure-archive-all-lastAuditMismatches"
                value={lastAudit.mismatchCount}
                text={t(lastAudit.mismatchCount === 0 ? 'archive.auditClean' : 'archive.auditMismatches', { count: lastAudit.mismatchCount, packages: format.count(lastAudit.packagesChecked) })}
              />
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {failures.map((q, i) => (
        <ProblemAlert key={i} error={q.error} />
      ))}
    </FigureBlock>
  );
}
