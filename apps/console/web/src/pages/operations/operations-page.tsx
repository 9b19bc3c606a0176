import { Anchor, Breadcrumbs, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useOrganisations } from '../../api/directory';
import { useSignedIn } from '../../auth/session-context';
import { vietnamToday } from '../../i18n/vietnam-time';
import { ArchiveBlock } from './archive-block';
import { DeadlinesBlock } from './deadlines-block';
import { DocumentsBlock } from './documents-block';
import { ChartsMayDraw } from './figure-chart';
import { useDeadlineFigures, useDocumentFigures, useProcessingFigures, useTaskFigures, type OperationsView } from './operations-queries';
import { PlatformBlock } from './platform-block';
import { ProcessingBlock } from './processing-block';
import { TasksBlock } from './tasks-block';
import { useOperationsTexts } from './texts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ORG = /^[A-Za-z0-9_.-]{1,100}$/;
const DEFAULT_DAYS = 30;

const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The organisation shown and the period, from the address bar: a drill-down is a page of its own (Back climbs up again). */
function readView(params: URLSearchParams, home: string): OperationsView {
  const today = vietnamToday();
  const day = (name: string, fallback: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : fallback;
  };
  const org = params.get('org');
  const to = day('to', today);
  return { org: org && ORG.test(org) ? org : home, from: day('from', daysBefore(to, DEFAULT_DAYS - 1)), to };
}

/** From the person's own organisation down to the one shown, each step a way back up. */
function OrgTrail({ home, shown, onDrill }: { home: string; shown: string; onDrill: (org: string) => void }) {
  const { t } = useOperationsTexts();
  const organisations = useOrganisations();
  const byCode = new Map(organisations.data?.items.map((o) => [o.code, o]));
  const trail: string[] = [shown];
  for (let at = byCode.get(shown)?.parent, steps = 0; shown !== home && at && steps < 10; at = byCode.get(at)?.parent, steps += 1) {
    trail.unshift(at);
    if (at === home) break;
  }
  const name = (code: string) => byCode.get(code)?.name ?? code;
  return (
    <nav aria-label={t('trail')}>
      <Breadcrumbs separator="›">
        {trail.map((code) =>
          code === shown ? (
            <Text key={code} size="sm" fw={600} aria-current="location">
              {name(code)}
            </Text>
          ) : (
            <Anchor key={code} component="button" type="button" size="sm" onClick={() => onDrill(code)}>
              {name(code)}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}

/**
 * Whether the charts may be drawn: once each of the four figures blocks has its answer (or its
 * failure), and from then on. The blocks ask for the same queries (one request each); this only
 * watches them, so that the tables come first and the charts after (figure-chart.tsx).
 */
function useChartsMayDraw(view: OperationsView, valid: boolean): boolean {
  const answered = [useDocumentFigures(view, valid), useProcessingFigures(view, valid), useDeadlineFigures(view.org), useTaskFigures(view.org)].every(
    (figures) => !figures.isPending || figures.fetchStatus === 'idle',
  );
  // Latched: a drill-down, a new period or a refresh keeps the charts drawn (with the previous figures until the new ones come).
  const [mayDraw, setMayDraw] = useState(answered);
  if (answered && !mayDraw) setMayDraw(true);
  return mayDraw || answered;
}

/**
 * Trung tâm điều hành: for leaders and administrators, the figures of their organisation and of
 * those below it — documents issued and received, processing times, deadlines, the implementation
 * of assigned tasks — with the archive's state and the platform's health. Every chart's figures are
 * in a table beside it; an organisation's bar or row drills down to its own figures.
 */
export default function OperationsPage() {
  const { t } = useOperationsTexts();
  const { principal } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const view = readView(params, principal.org);
  const valid = view.from <= view.to;
  const chartsMayDraw = useChartsMayDraw(view, valid);

  const change = (values: Partial<OperationsView>, push = false) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) next.set(name, value);
    setParams(next, { replace: !push });
  };
  const drill = (org: string) => change({ org }, true);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('title')}</Title>
          <OrgTrail home={principal.org} shown={view.org} onDrill={drill} />
        </Stack>
        <Group align="flex-end" role="group" aria-label={t('period.label')}>
          <TextInput type="date" label={t('period.from')} value={view.from} max={view.to} onChange={(e) => DAY.test(e.currentTarget.value) && change({ from: e.currentTarget.value })} />
          <TextInput
            type="date"
            label={t('period.to')}
            value={view.to}
            min={view.from}
            onChange={(e) => DAY.test(e.currentTarget.value) && change({ to: e.currentTarget.value })}
            error={valid ? undefined : t('period.invalid')}
          />
        </Group>
      </Group>
      <ChartsMayDraw value={chartsMayDraw}>
        <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
          {valid && <DocumentsBlock view={view} onDrill={drill} />}
          <TasksBlock org={view.org} onDrill={drill} />
          {valid && <ProcessingBlock view={view} onDrill={drill} />}
          <DeadlinesBlock org={view.org} onDrill={drill} />
          <ArchiveBlock org={principal.org} />
        </SimpleGrid>
        <PlatformBlock />
      </ChartsMayDraw>
    </Stack>
  );
}
