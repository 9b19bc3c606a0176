import { useMemo } from 'react';
import { formatDayTime } from '../../i18n/vietnam-time';
import { acrossHeight, barOption, FIGURE_COLOURS } from './chart-options';
import { FigureBlock, OrgName } from './figure-block';
import { FigureChart } from './figure-chart';
import { useFigureFormat } from './figure-format';
import { FigureTable, type FigureRow } from './figure-table';
import { useTaskFigures } from './operations-queries';
import { useOperationsTexts } from './texts';

/** The four groups of the reports on assigned tasks (docs/tracking.md), in the order they are reported. */
const CATEGORIES = ['doneOnTime', 'doneLate', 'openWithinDeadline', 'overdue'] as const;

/**
 * The implementation of what the organisation assigned: per lead organisation, tasks done on
 * time, done late, open within the deadline and overdue. A lead organisation's bar or row drills
 * down to its own figures (what it assigned in turn), the whole centre with it.
 */
export function TasksBlock({ org, onDrill }: { org: string; onDrill: (org: string) => void }) {
  const { t, i18n } = useOperationsTexts();
  const format = useFigureFormat();
  const figures = useTaskFigures(org);
  const data = figures.data;

  const option = useMemo(
    () =>
      data &&
      barOption({
        categories: data.rows.map((r) => r.label),
        series: CATEGORIES.map((category) => ({ name: t(`tasks.${category}`), data: data.rows.map((r) => r[category]), colour: FIGURE_COLOURS[category], stack: 'tasks' })),
        across: true,
      }),
    [data, t],
  );
  const rows: FigureRow[] =
    data?.rows.map((r) => ({
      key: r.key,
      label: <OrgName code={r.key} name={r.label} shown={org} onDrill={onDrill} />,
      values: { doneOnTime: r.doneOnTime, doneLate: r.doneLate, openWithinDeadline: r.openWithinDeadline, overdue: r.overdue, total: r.total },
    })) ?? [];
  const drill = (index: number) => {
    const key = data?.rows[index]?.key;
    if (key && key !== org) onDrill(key);
  };

  return (
    <FigureBlock id="tasks" title={t('tasks.title')} note={data && t('tasks.note', { asOf: formatDayTime(data.asOf, i18n.language) })} loading={figures.isPending} error={figures.error}>
      {data && option && (
        <>
          <FigureChart option={option} label={t('tasks.chart')} describedBy="tasks-table" onItemClick={drill} height={acrossHeight(Math.max(1, data.rows.length)) + 30} />
          <FigureTable
            id="tasks-table"
            block="tasks"
            caption={t('tasks.tableCaption')}
            rowHeader={t('tasks.leadOrg')}
            columns={[...CATEGORIES, 'total' as const].map((measure) => ({ measure, header: t(`tasks.${measure}`), format: format.count }))}
            rows={rows}
            total={{ key: 'total', label: t('columns.total'), values: { ...data.totals } }}
            empty={t('tasks.none')}
          />
        </>
      )}
    </FigureBlock>
  );
}
