import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { Banner } from '../ui/ui';
import type { Source } from '../../shared/desk/schemas';
import type { VisitOutcome, VisitStatus } from '../../shared/visits/rules';
import { Dialog } from './Dialog';
import { visitsText } from './i18n';

function Counts({ title, counts, label }: { title: string; counts: Record<string, number>; label(key: string): string }) {
  const t = useText(visitsText);
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return (
    <section aria-label={title} className="rounded-lg p-3 ring-1 ring-slate-200">
      <h3 className="mb-1 font-bold">{title}</h3>
      {entries.length === 0 ? (
        <p className="text-slate-500">{t.none}</p>
      ) : (
        <table className="w-full text-sm">
          <tbody>
            {entries.map(([k, n]) => (
              <tr key={k}>
                <td>{label(k)}</td>
                <td className="text-right font-bold tabular-nums">{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** 今日概览 for the desk lead: arrivals, first vs returning, by source and department, booked arrivals, average wait. */
export function DayViewDialog({ onClose }: { onClose(): void }) {
  const t = useText(visitsText);
  const c = useText(commonText);
  const day = useQuery('visits.dayView', {});
  const d = day.data;
  return (
    <Dialog title={d ? t.dayTitle(d.date) : t.dayView} onClose={onClose} closeLabel={t.close}>
      {day.error && <Banner tone="error">{c.error[day.error.code] ?? day.error.message}</Banner>}
      {d && (
        <div className="space-y-4" data-testid="day-view">
          <dl className="grid grid-cols-6 gap-3 text-center">
            {(
              [
                [t.arrivals, d.arrivals],
                [t.firstVisits, d.firstVisits],
                [t.returning, d.returning],
                [t.withAppointment, d.withAppointment],
                [t.stillWaiting, d.stillWaiting],
                [t.averageWait, d.averageWaitMinutes === null ? t.none : c.minutes(d.averageWaitMinutes)],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-lg bg-teal-50 p-2">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="text-2xl font-bold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="text-sm text-slate-700" data-testid="day-appointments">
            {t.appointmentsLine(d.appointments.booked, d.appointments.kept, d.appointments.noShows)}
          </p>
          <div className="grid grid-cols-2 gap-3">
            <Counts title={t.bySource} counts={d.bySource} label={(k) => c.source[k as Source] ?? k} />
            <Counts title={t.byDepartment} counts={d.byDepartment} label={(k) => k} />
            <Counts title={t.byStatus} counts={d.byStatus} label={(k) => t.status[k as VisitStatus] ?? k} />
            <Counts title={t.byOutcome} counts={d.byOutcome} label={(k) => t.outcome[k as VisitOutcome] ?? k} />
          </div>
        </div>
      )}
    </Dialog>
  );
}
