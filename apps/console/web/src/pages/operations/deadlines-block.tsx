import { useMemo } from 'react';
import { formatDayTime } from '../../i18n/vietnam-time';
import { acrossHeight, barOption, FIGURE_COLOURS } from './chart-options';
import { FigureBlock, OrgName } from './figure-block';
import { FigureChart } from './figure-chart';
import { useFigureFormat } from './figure-format';
import { FigureTable, type FigureRow } from './figure-table';
import { useDeadlineFigures } from './operations-queries';
import { useOperationsTexts } from './texts';

/** Incoming documents not yet done whose deadline is near (the next days) or past, per organisation. */
export function DeadlinesBlock({ org, onDrill }: { org: string; onDrill: (org: string) => void }) {
  const { t, i18n } = useOperationsTexts();
  const format = useFigureFormat();
  const figures = useDeadlineFigures(org);
  const data = figures.data;

  const option = useMemo(
    () =>
      data &&
      barOption({
        categories: data.organisations.map((o) => o.name),
        series: [
          { name: t('deadlines.near'), data: data.organisations.map((o) => o.near), colour: FIGURE_COLOURS.near, stack: 'open' },
          { name: t('deadlines.past'), data: data.organisations.map((o) => o.past), colour: FIGURE_COLOURS.past, stack: 'open' },
        ],
        across: true,
      }),
    [data, t],
  );
  const rows: FigureRow[] =
    data?.organisations.map((o) => ({ key: o.org, label: <OrgName code={o.org} name={o.name} shown={org} onDrill={onDrill} />, values: { near: o.near, past: o.past } })) ?? [];
  const drill = (index: number) => {
    const code = data?.organisations[index]?.org;
    if (code && code !== org) onDrill(code);
  };

  return (
    <FigureBlock
      id="deadlines"
      title={t('deadlines.title')}
      note={data && t('deadlines.note', { asOf: formatDayTime(data.asOf, i18n.language), count: data.withinDays })}
      loading={figures.isPending}
      error={figures.error}
    >
      {data && option && (
        <>
          <FigureChart option={option} label={t('deadlines.chart')} describedBy="deadlines-table" onItemClick={drill} height={acrossHeight(data.organisations.length)} />
          <FigureTable
            id="deadlines-table"
            block="deadlines"
            caption={t('deadlines.tableCaption')}
            rowHeader={t('columns.organisation')}
            columns={[
              { measure: 'near', header: t('deadlines.near'), format: format.count },
              { measure: 'past', header: t('deadlines.past'), format: format.count },
            ]}
            rows={rows}
            total={{ key: 'total', label: t('columns.total'), values: { ...data.totals } }}
            empty={t('empty')}
          />
        </>
      )}
    </FigureBlock>
  );
}
