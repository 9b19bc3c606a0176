import { Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { formatDay } from '../../i18n/vietnam-time';
import { acrossHeight, barOption, daysOf, FIGURE_COLOURS } from './chart-options';
import { FigureBlock, OrgName } from './figure-block';
import { FigureChart } from './figure-chart';
import { useFigureFormat } from './figure-format';
import { FigureTable, type FigureColumn, type FigureRow } from './figure-table';
import { useDocumentFigures, type DocumentFigures, type OperationsView } from './operations-queries';
import { useOperationsTexts } from './texts';

/**
 * The figures per day, organisation and type: a long table (over a thousand rows for a province's
 * month), in a disclosure drawn only once it is opened, so that the page's first frame is not
 * spent on it. Its summary says how many rows it holds.
 */
function DayTypeDetails({ data, columns }: { data: DocumentFigures; columns: FigureColumn[] }) {
  const { t, i18n } = useOperationsTexts();
  const [open, setOpen] = useState(false);
  const rows = useMemo<FigureRow[]>(() => {
    if (!open) return [];
    const names = new Map(data.organisations.map((o) => [o.org, o.name]));
    return data.days.map((d) => ({
      key: `${d.org}-${d.day}-${d.type}`,
      label: `${formatDay(d.day, i18n.language)} · ${names.get(d.org) ?? d.org} · ${t(`documentTypes.${d.type}`, { defaultValue: d.type })}`,
      values: { issued: d.issued, received: d.received },
    }));
  }, [open, data, t, i18n.language]);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <Text component="summary" size="sm" fw={500} style={{ cursor: 'pointer' }}>
        {t('documents.byDayType', { count: data.days.length })}
      </Text>
      {open && <FigureTable id="documents-by-day-type" block="documentDays" caption={t('documents.dayTableCaption')} rowHeader={t('columns.dayOrganisationType')} columns={columns} rows={rows} empty={t('documents.noDays')} />}
    </details>
  );
}

/**
 * Documents issued and received per day, and per organisation (each one's own, the shown one
 * first, then those below it, whose rows drill down), then per day, organisation and type (drawn
 * when opened).
 */
export function DocumentsBlock({ view, onDrill }: { view: OperationsView; onDrill: (org: string) => void }) {
  const { t, i18n } = useOperationsTexts();
  const language = i18n.language;
  const format = useFigureFormat();
  const figures = useDocumentFigures(view);
  const data = figures.data;

  const byDay = useMemo(() => {
    if (!data) return undefined;
    const days = daysOf(data.from, data.to);
    const issued = new Map<string, number>();
    const received = new Map<string, number>();
    for (const row of data.days) {
      issued.set(row.day, (issued.get(row.day) ?? 0) + row.issued);
      received.set(row.day, (received.get(row.day) ?? 0) + row.received);
    }
    return barOption({
      categories: days.map((day) => formatDay(day, language).slice(0, 5)),
      series: [
        { name: t('documents.issued'), data: days.map((d) => issued.get(d) ?? 0), colour: FIGURE_COLOURS.issued },
        { name: t('documents.received'), data: days.map((d) => received.get(d) ?? 0), colour: FIGURE_COLOURS.received },
      ],
    });
  }, [data, t, language]);

  const byOrganisation = useMemo(
    () =>
      data &&
      barOption({
        categories: data.organisations.map((o) => o.name),
        series: [
          { name: t('documents.issued'), data: data.organisations.map((o) => o.issued), colour: FIGURE_COLOURS.issued },
          { name: t('documents.received'), data: data.organisations.map((o) => o.received), colour: FIGURE_COLOURS.received },
        ],
        across: true,
      }),
    [data, t],
  );

  const rows: FigureRow[] =
    data?.organisations.map((o) => ({ key: o.org, label: <OrgName code={o.org} name={o.name} shown={view.org} onDrill={onDrill} />, values: { issued: o.issued, received: o.received } })) ?? [];
  const columns: FigureColumn[] = [
    { measure: 'issued', header: t('documents.issued'), format: format.count },
    { measure: 'received', header: t('documents.received'), format: format.count },
  ];
  const drill = (index: number) => {
    const org = data?.organisations[index]?.org;
    if (org && org !== view.org) onDrill(org);
  };

  return (
    <FigureBlock
      id="documents"
      title={t('documents.title')}
      note={data && t('documents.note', { from: formatDay(data.from, i18n.language), to: formatDay(data.to, i18n.language) })}
      loading={figures.isPending}
      error={figures.error}
    >
      {data && byDay && byOrganisation && (
        <>
          <FigureChart option={byDay} label={t('documents.chartByDay')} describedBy="documents-by-organisation" height={240} />
          <FigureChart option={byOrganisation} label={t('documents.chartByOrganisation')} describedBy="documents-by-organisation" onItemClick={drill} height={acrossHeight(data.organisations.length, 2)} />
          <FigureTable
            id="documents-by-organisation"
            block="documents"
            caption={t('documents.tableCaption')}
            rowHeader={t('columns.organisation')}
            columns={columns}
            rows={rows}
            total={{ key: 'total', label: t('columns.total'), values: { issued: data.totals.issued, received: data.totals.received } }}
            empty={t('empty')}
          />
          <DayTypeDetails data={data} columns={columns} />
        </>
      )}
    </FigureBlock>
  );
}
