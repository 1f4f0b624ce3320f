import type { ReactNode } from 'react';
import type { Area } from './store';

/*
 * One line icon per area of the shell's navigation (issue 19: "icons for the sections"): inline
 * SVG on a 20-unit grid, stroked in the text's colour, so the active tab's dark text and the bar's
 * light text both carry them. Drawn here, no icon package.
 */
const paths: Record<Area, ReactNode> = {
  // 导医台: a desk bell.
  desk: <path d="M3 15h14M4.5 15a5.5 5.5 0 0 1 11 0M10 6.5V5M8.5 5h3" />,
  // 奉茶: a cup with steam.
  tea: <path d="M4 8h10v3.5a4 4 0 0 1-4 4H8a4 4 0 0 1-4-4zM14 9h1.5a1.75 1.75 0 0 1 0 3.5H14M7 3.5v2M10 3v2.5" />,
  // 仪容检查: a clipboard with a tick.
  inspection: <path d="M7 4H5.5A1.5 1.5 0 0 0 4 5.5v11A1.5 1.5 0 0 0 5.5 18h9a1.5 1.5 0 0 0 1.5-1.5v-11A1.5 1.5 0 0 0 14.5 4H13M7 3h6v2.5H7zM7 11.5l2 2 4-4" />,
  // 投诉: a speech bubble with a mark.
  complaint: <path d="M4 4.5h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H4a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1zM10 7v3.5M10 12.5v.01" />,
  // 设置: a cog.
  settings: <path d="M10 7.25a2.75 2.75 0 1 0 0 5.5 2.75 2.75 0 0 0 0-5.5zM10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />,
  // 总部看板: bars.
  dashboard: <path d="M3 17h14M5.5 17v-5M10 17V6M14.5 17V9.5" />,
  // 报表: a sheet with lines.
  reports: <path d="M5.5 2.5h6l3 3v11a1 1 0 0 1-1 1h-8a1 1 0 0 1-1-1v-13a1 1 0 0 1 1-1zM11.5 2.5v3h3M7 10h6M7 13h6" />,
  // 参考数据: a book.
  reference: <path d="M4 4.5A1.5 1.5 0 0 1 5.5 3H16v12H5.5A1.5 1.5 0 0 0 4 16.5zM4 16.5A1.5 1.5 0 0 0 5.5 18H16v-3" />,
  // 回访: a phone handset.
  followup: <path d="M6.5 3 4 3.5C3.5 10 10 16.5 16.5 16l.5-2.5-3.5-1.5-1.5 1.5a8 8 0 0 1-4-4L9.5 8z" />,
  // 咨询: a question in a circle.
  enquiry: <path d="M10 17.5a7.5 7.5 0 1 0 0-15 7.5 7.5 0 0 0 0 15zM8 8a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.3v.4M10 14v.01" />,
  // 设备: a monitor.
  devices: <path d="M3 4h14v9H3zM7 17h6M10 13v4" />,
  // 排班: a calendar grid.
  staff: <path d="M3.5 4.5h13v12h-13zM3.5 8h13M7 2.5v3M13 2.5v3M7 11h1M11.5 11h1M7 14h1M11.5 14h1" />,
};

export function AreaIcon({ area }: { area: Area }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" className="size-4 shrink-0" aria-hidden data-testid="area-icon">
      {paths[area]}
    </svg>
  );
}
