import { useQuery, useNow } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { maskPhone } from '../../shared/desk/rules';
import { clinicTime, minutesBetween } from '../../shared/time';
import { useShell } from '../shell/store';
import { Banner, Panel } from '../ui/ui';
import { deskText } from './i18n';

/** Today's waiting visitors, oldest first, with the minutes each has waited (ticks live). */
export function WaitingList() {
  const t = useText(deskText);
  const c = useText(commonText);
  const list = useQuery('desk.waitingList', {}, ['visit']);
  const now = useNow();
  const alertAfter = useShell((s) => s.status?.clinic?.waitAlertMinutes ?? 15);

  return (
    <Panel
      className="col-span-2"
      title={
        <>
          {t.waiting} <span className="ml-2 rounded-full bg-teal-100 px-3 text-base text-teal-900" data-testid="waiting-count">{t.count(list.data?.length ?? 0)}</span>
        </>
      }
    >
      {list.error && <Banner tone="error">{c.error[list.error.code] ?? list.error.message}</Banner>}
      {list.data?.length === 0 && <p className="py-10 text-center text-slate-500">{t.emptyWaiting}</p>}
      <ol className="space-y-2" aria-label={t.waiting}>
        {list.data?.map((v) => {
          const waited = minutesBetween(v.arrivedAt, now);
          const tone = waited >= alertAfter * 2 ? 'bg-rose-50 ring-rose-300' : waited >= alertAfter ? 'bg-amber-50 ring-amber-300' : 'bg-white ring-slate-200';
          return (
            <li key={v.id} tabIndex={0} className={`rounded-lg p-3 ring-1 ${tone}`} data-testid="waiting-row">
              <div className="flex items-baseline gap-2">
                <span className="text-xl font-bold">{v.customerName}</span>
                <span className={`rounded px-1.5 text-sm font-bold ${v.firstVisit ? 'bg-sky-100 text-sky-900' : 'bg-violet-100 text-violet-900'}`}>{v.firstVisit ? t.firstBadge : t.returningBadge}</span>
                {v.hasAppointment && <span className="rounded bg-emerald-100 px-1.5 text-sm font-bold text-emerald-900">{t.appointmentBadge}</span>}
                <span className="ml-auto text-right">
                  <span className="text-sm text-slate-500">{t.waited} </span>
                  <span className="text-2xl font-bold tabular-nums" data-testid="waited">
                    {c.minutes(waited)}
                  </span>
                </span>
              </div>
              <div className="mt-1 flex flex-wrap gap-x-4 text-slate-700">
                <span className="font-medium text-teal-900">
                  {v.departmentName}
                  {v.consultantName && ` · ${v.consultantName}`}
                </span>
                <span>{v.intention}</span>
              </div>
              <div className="mt-1 flex gap-4 text-sm text-slate-500">
                <span>
                  {t.arrived} {clinicTime(v.arrivedAt)}
                </span>
                <span className="font-mono">{maskPhone(v.customerPhone)}</span>
                <span>
                  {t.by} {v.registeredByName}
                </span>
              </div>
              {waited >= alertAfter && <p className="mt-1 text-sm font-medium text-amber-900">{t.overWait}</p>}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
