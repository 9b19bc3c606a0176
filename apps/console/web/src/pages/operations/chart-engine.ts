import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use as register, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/*
 * Apache ECharts, as far as the operations centre uses it: bars and lines on a grid, as SVG
 * (crisp, no canvas to size). Imported only by figure-chart.tsx, dynamically: half a megabyte the
 * figures' tables do not wait for (the echarts chunk of vite.config.mts).
 */
register([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export { init };
