import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use as register, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the operations centre draws: bars and lines on a grid, as SVG (crisp, no canvas to size).
register([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/**
 * A thin wrapper of Apache ECharts: one chart per element, drawn again when its option changes,
 * resized with its box, disposed with the component. The picture is for the eye: it is named
 * (`label`) and points at the table that holds the same figures (`describedBy`), which is what
 * screen readers and tests read. `onItemClick` gets the index of the category clicked (a bar, a
 * point), for drilling down.
 */
export function FigureChart({ option, label, describedBy, onItemClick, height = 280 }: { option: ChartOption; label: string; describedBy?: string; onItemClick?: (index: number) => void; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);

  useEffect(() => {
    const box = element.current;
    if (!box) return;
    const drawn = init(box, undefined, { renderer: 'svg' });
    chart.current = drawn;
    const resize = new ResizeObserver(() => drawn.resize());
    resize.observe(box);
    return () => {
      resize.disconnect();
      drawn.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const drawn = chart.current;
    if (!drawn || !onItemClick) return;
    const clicked = (params: { dataIndex?: number }) => {
      if (params.dataIndex !== undefined) onItemClick(params.dataIndex);
    };
    drawn.on('click', clicked);
    return () => {
      drawn.off('click', clicked);
    };
  }, [onItemClick]);

  return <div ref={element} role="img" aria-label={label} aria-describedby={describedBy} style={{ width: '100%', height }} />;
}
