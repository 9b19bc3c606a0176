import { useMemo } from 'react';
import { formatDay } from '../../i18n/vietnam-time';
import { acrossHeight, barOption, FIGURE_COLOURS } from './chart-options';
import { FigureBlock, OrgName } from './figure-block';
import { FigureChart } from './figure-chart';
import { useFigureFormat } from './figure-format';
import { FigureTable, type FigureRow } from './figure-table';
import { useProcessingFigures, type OperationsView } from './operations-queries';
import { useOperationsTexts } from './texts';

/** From arrival in the incoming register to done: the median and the 90th percentile, per organisation. */
export function ProcessingBlock({ view, onDrill }: { view: OperationsView; onDrill: (org: string) => void }) {
  const { t, i18n } = useOperationsTexts();
  const format = useFigureFormat();
  const figures = useProcessingFigures(view);
  const data = figures.data;

  const option = useMemo(
    () =>
      data &&
      barOption({
        categories: data.organisations.map((o) => o.name),
        series: [
          { name: t('processing.p50'), data: data.organisations.map((o) => o.p50Seconds ?? 0), colour: FIGURE_COLOURS.p50 },
          { name: t('processing.p90'), data: data.organisations.map((o) => o.p90Seconds ?? 0), colour: FIGURE_COLOURS.p90 },
        ],
        // Whole seconds, as the service gives them: the axis ticks at whole seconds too.
        valueFormat: (seconds) => format.duration(Math.round(seconds)),
        across: true,
      }),
    [data, t, format],
  );

  const rows: FigureRow[] =
    data?.organisations.map((o) => ({
      key: o.org,
      label: <OrgName code={o.org} name={o.name} shown={view.org} onDrill={onDrill} />,
      values: { completed: o.completed, p50Seconds: o.p50Seconds, p90Seconds: o.p90Seconds },
      missing: t('processing.noneCompleted'),
    })) ?? [];
  const drill = (index: number) => {
    const org = data?.organisations[index]?.org;
    if (org && org !== view.org) onDrill(org);
  };

  return (
    <FigureBlock
      id="processing"
      title={t('processing.title')}
      note={data && t('processing.note', { from: formatDay(data.from, i18n.language), to: formatDay(data.to, i18n.language) })}
      loading={figures.isPending}
      error={figures.error}
    >
      {data && option && (
        <>
          <FigureChart option={option} label={t('processing.chart')} describedBy="processing-table" onItemClick={drill} height={acrossHeight(data.organisations.length, 2)} />
          <FigureTable
            id="processing-table"
            block="processing"
            caption={t('processing.tableCaption')}
            rowHeader={t('columns.organisation')}
            columns={[
              { measure: 'completed', header: t('processing.completed'), format: format.count },
              { measure: 'p50Seconds', header: t('processing.p50'), format: format.duration },
              { measure: 'p90Seconds', header: t('processing.p90'), format: format.duration },
            ]}
            rows={rows}
            total={{ key: 'total', label: t('columns.total'), values: { ...data.totals }, missing: t('processing.noneCompleted') }}
            empty={t('empty')}
          />
        </>
      )}
    </FigureBlock>
  );
}
