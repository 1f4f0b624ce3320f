import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The UI's font stack: canvas text does not inherit CSS, so charts are told it. */
const FONT = "'Microsoft YaHei', '微软雅黑', 'Noto Sans SC', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";
export const CHART_COLOURS = ['#0f766e', '#f59e0b', '#6366f1', '#e11d48', '#0ea5e9', '#84cc16', '#a855f7', '#64748b'];

/**
 * One ECharts chart (canvas). Clicking a bar or slice calls `onPick` with its category and series
 * index; the table beside each chart offers the same by keyboard.
 */
export function Chart({ option, label, onPick, height = 240 }: { option: echarts.EChartsCoreOption; label: string; onPick?(category: string, series: number): void; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);

  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => pick.current?.(String(p.name), p.seriesIndex ?? 0));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const full = { color: CHART_COLOURS, textStyle: { fontFamily: FONT, fontSize: 13 }, animation: false, ...option };
    chart.current?.setOption(full, { notMerge: true });
    // Canvas text does not make the browser fetch a web font's subsets: where the PC lacks
    // Microsoft YaHei, load the bundled Noto Sans SC for the chart's own characters, then redraw.
    let live = true;
    document.fonts
      .load(`13px 'Noto Sans SC'`, JSON.stringify(option))
      .then((faces) => {
        if (live && faces.length) chart.current?.setOption(full, { notMerge: true });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ height }} className="w-full" />;
}
