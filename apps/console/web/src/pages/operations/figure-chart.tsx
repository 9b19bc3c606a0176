import { Text } from '@mantine/core';
import type { ECharts } from 'echarts/core';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type * as ChartEngine from './chart-engine';
import type { ChartOption } from './chart-engine';
import { useOperationsTexts } from './texts';

export type { ChartOption } from './chart-engine';

let engine: Promise<typeof ChartEngine> | undefined;
/** The chart library, fetched and started once, by the first chart drawn. */
const loadEngine = () => (engine ??= import('./chart-engine'));

/**
 * Whether the charts may be drawn yet. Starting the library and drawing a chart are long tasks of
 * the page's one thread: a page whose figures arrive in several answers holds its charts (false)
 * until the last table is drawn, so that none of them waits behind a chart.
 */
export const ChartsMayDraw = createContext(true);

/** Runs `then` once the browser has painted what is on the page now (a frame, then a task). */
function afterPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(then, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * A thin wrapper of Apache ECharts: one chart per element, drawn again when its option changes,
 * resized with its box, disposed with the component. The picture is for the eye: it is named
 * (`label`) and points at the table that holds the same figures (`describedBy`), which is what
 * screen readers and tests read — and what the page shows first: the chart is drawn after the
 * tables are painted (see ChartsMayDraw), into a box of its size kept for it. `onItemClick` gets
 * the index of the category clicked (a bar, a point), for drilling down.
 */
export function FigureChart({ option, label, describedBy, onItemClick, height = 280 }: { option: ChartOption; label: string; describedBy?: string; onItemClick?: (index: number) => void; height?: number }) {
  const { t } = useOperationsTexts();
  const mayDraw = useContext(ChartsMayDraw);
  const element = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ECharts>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const box = element.current;
    if (!box || !mayDraw) return;
    let left = false;
    let drawn: ECharts | undefined;
    let resize: ResizeObserver | undefined;
    const cancel = afterPaint(() => {
      loadEngine().then(
        ({ init }) => {
          if (left) return;
          drawn = init(box, undefined, { renderer: 'svg' });
          const observed = drawn;
          resize = new ResizeObserver(() => observed.resize());
          resize.observe(box);
          setChart(drawn);
        },
        () => {
          // A chunk that did not load (a new release meanwhile, the network): the table beside holds the figures.
          engine = undefined;
          if (!left) setFailed(true);
        },
      );
    });
    return () => {
      left = true;
      cancel();
      resize?.disconnect();
      drawn?.dispose();
      setChart(undefined);
    };
  }, [mayDraw]);

  useEffect(() => {
    chart?.setOption(option, { notMerge: true });
  }, [chart, option]);

  useEffect(() => {
    if (!chart || !onItemClick) return;
    const clicked = (params: { dataIndex?: number }) => {
      if (params.dataIndex !== undefined) onItemClick(params.dataIndex);
    };
    chart.on('click', clicked);
    return () => {
      chart.off('click', clicked);
    };
  }, [chart, onItemClick]);

  if (failed) {
    return (
      <Text size="sm" c="dimmed">
        {t('chartUnavailable')}
      </Text>
    );
  }
  return <div ref={element} role="img" aria-label={label} aria-describedby={describedBy} style={{ width: '100%', height }} />;
}
