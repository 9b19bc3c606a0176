import { Badge, ScrollArea, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { formatDayTime } from '../../i18n/vietnam-time';
import { barOption, FIGURE_COLOURS } from './chart-options';
import { FigureBlock } from './figure-block';
import { FigureChart } from './figure-chart';
import { useFigureFormat } from './figure-format';
import { FigureCell } from './figure-table';
import { usePlatformHealth, type ProcessHealth } from './operations-queries';
import { useOperationsTexts } from './texts';

/** A dark orange: white on it reads at 6:1 (the library's orange 9 falls short of 4.5:1 at badge size). */
const NOT_READY = '#a63c06';
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** Unknown (—) when the process reports no consumer group or task queue of its own: none is not zero. */
const consumerLag = (p: ProcessHealth) => (p.consumerLag.length === 0 ? undefined : sum(p.consumerLag.map((c) => c.lag)));
const taskBacklog = (p: ProcessHealth) => (p.taskQueues.length === 0 ? undefined : sum(p.taskQueues.map((q) => q.backlog)));

/**
 * Each process of the platform, API and worker of every service, as the console's server last
 * read it (every few seconds; the page asks every 10 s): whether it is ready, what waits (the
 * outbox not yet published, consumer lag, tasks queued in Temporal) and its requests and errors.
 */
export function PlatformBlock() {
  const { t, i18n } = useOperationsTexts();
  const format = useFigureFormat();
  const health = usePlatformHealth();
  const data = health.data;
  const processName = (p: ProcessHealth) => `${p.service} · ${t(`platform.roles.${p.role}`)}`;

  const option = useMemo(
    () =>
      data &&
      barOption({
        categories: data.processes.map((p) => `${p.service} · ${t(`platform.roles.${p.role}`)}`),
        series: [{ name: t('platform.requestRate'), data: data.processes.map((p) => p.requestRate ?? 0), colour: FIGURE_COLOURS.requests }],
        valueFormat: format.rate,
        counts: false,
      }),
    [data, t, format],
  );
  const ready = data?.processes.filter((p) => p.ready).length ?? 0;

  return (
    <FigureBlock
      id="platform"
      title={t('platform.title')}
      note={data && t('platform.note', { ready, count: data.processes.length, at: formatDayTime(data.scrapedAt, i18n.language) })}
      loading={health.isPending}
      error={health.error}
    >
      {data && option && (
        <>
          <ScrollArea type="auto">
            <Table id="platform-table" withTableBorder striped verticalSpacing={6} captionSide="top" miw={860}>
              <Table.Caption>{t('platform.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('platform.process')}</Table.Th>
                  <Table.Th scope="col">{t('platform.status')}</Table.Th>
                  {(['outboxBacklog', 'consumerLag', 'taskQueueBacklog', 'requestRate', 'errorRate'] as const).map((measure) => (
                    <Table.Th key={measure} scope="col" ta="right">
                      {t(`platform.${measure}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.processes.map((p) => {
                  const key = `${p.service}-${p.role}`;
                  const lag = consumerLag(p);
                  const queued = taskBacklog(p);
                  const why = [p.error, p.metricsError, ...p.failingChecks.map((c) => `${c.name}: ${c.error ?? ''}`)].filter(Boolean).join('; ');
                  return (
                    <Table.Tr key={key}>
                      <Table.Th scope="row" fw={500}>
                        {processName(p)}
                      </Table.Th>
                      <Table.Td data-testid={`figure-platform-${key}-status`} data-value={p.ready ? 'ready' : p.status} title={why || undefined}>
                        <Badge color={p.ready ? 'teal.9' : p.up ? NOT_READY : 'red.9'} variant="filled" size="sm" tt="none">
                          {t(`platform.statuses.${p.ready ? 'ready' : p.status}`, { defaultValue: p.status })}
                        </Badge>
                      </Table.Td>
                      <FigureCell testId={`figure-platform-${key}-outboxBacklog`} value={p.outboxBacklog} text={p.outboxBacklog === undefined ? '—' : format.count(p.outboxBacklog)} />
                      <FigureCell testId={`figure-platform-${key}-consumerLag`} value={lag} text={lag === undefined ? '—' : format.count(lag)} />
                      <FigureCell testId={`figure-platform-${key}-taskQueueBacklog`} value={queued} text={queued === undefined ? '—' : format.count(queued)} />
                      <FigureCell testId={`figure-platform-${key}-requestRate`} value={p.requestRate} text={p.requestRate === undefined ? '—' : format.rate(p.requestRate)} />
                      <FigureCell testId={`figure-platform-${key}-errorRate`} value={p.errorRate} text={p.errorRate === undefined ? '—' : format.percent(p.errorRate)} />
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <Text size="xs" c="dimmed">
            {t('platform.legend')}
          </Text>
          <FigureChart option={option} label={t('platform.chart')} describedBy="platform-table" height={260} />
        </>
      )}
    </FigureBlock>
  );
}
