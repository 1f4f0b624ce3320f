import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { FunnelStage, HoEnquiryFilter, HoFunnelLine } from '../../shared/enquiries/headoffice';
import type { Period } from '../../shared/headoffice/schemas';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Panel } from '../ui/ui';
import { Failed, Tile } from '../headoffice/figures';
import type { Drill, DrillOf } from '../headoffice/drill';
import { RecordTable } from '../headoffice/RecordTable';
import { headOfficeText } from '../headoffice/i18n';
import { enquiryText } from './i18n';

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const stages: FunnelStage[] = ['enquiries', 'appointments', 'arrivals'];

/**
 * Head office's 咨询 section (issue 14): 咨询量 → 预约量 → 到诊量 and 成功率 of the period for every
 * clinic (or the one chosen), per period, clinic, channel and consultant; every count opens the
 * enquiries behind it in the records panel.
 */
export function EnquiriesSection({ period, onDrill }: { period: Period; onDrill(d: Drill): void }) {
  const t = useText(enquiryText);
  const h = useText(headOfficeText);
  const q = useQuery('headoffice.enquiries', period);
  const f = q.data;
  const open = (title: string, filter: HoEnquiryFilter) => onDrill({ kind: 'enquiries', title, period, filter });
  const stageName = (s: FunnelStage) => t[s];
  const totalOpen = (s: FunnelStage, n: number) => (n ? () => open(stageName(s), { by: 'total', key: null, stage: s }) : undefined);
  return (
    <>
      <Failed error={q.error} />
      {f && (
        <>
          <div className="grid shrink-0 grid-cols-5 gap-3">
            <Tile label={t.enquiries} value={String(f.total.enquiries)} testId="tile-enquiries" onOpen={totalOpen('enquiries', f.total.enquiries)} />
            <Tile label={t.appointments} value={String(f.total.appointments)} testId="tile-enquiry-appointments" onOpen={totalOpen('appointments', f.total.appointments)} />
            <Tile label={t.arrivals} value={String(f.total.arrivals)} testId="tile-enquiry-arrivals" onOpen={totalOpen('arrivals', f.total.arrivals)} />
            <Tile label={t.bookingRate} value={percent(f.total.bookingRate)} testId="tile-booking-rate" />
            <Tile label={t.arrivalRate} value={percent(f.total.arrivalRate)} testId="tile-arrival-rate" />
          </div>
          {f.total.enquiries === 0 && <Banner tone="info">{h.noData}</Banner>}
          <LinePanel title={t.hoByClinic} head={t.hoClinic} by="clinic" lines={f.byClinic} label={(l) => `${l.key} · ${l.label}`} open={open} />
          <LinePanel title={t.hoByChannel} head={t.channel} by="channel" lines={f.byChannel} label={(l) => t.channels[l.key] ?? l.key} open={open} />
          <LinePanel title={t.hoByConsultant} head={t.consultantCol} by="consultant" lines={f.byConsultant} label={(l) => `${l.label}（${l.clinic ?? ''}）`} open={open} />
          <LinePanel title={`${t.hoByPeriod} · ${h.grainName[period.grain]}`} head={t.period} by="period" lines={f.periods} label={(l) => l.key} open={open} />
        </>
      )}
    </>
  );
}

/** One line per clinic, channel, consultant or period, one table under the other (the records panel leaves half the width); each count a button opening its records. */
function LinePanel({ title, head, by, lines, label, open }: { title: string; head: string; by: HoEnquiryFilter['by']; lines: HoFunnelLine[]; label(l: HoFunnelLine): string; open(title: string, f: HoEnquiryFilter): void }) {
  const t = useText(enquiryText);
  if (!lines.length) return null;
  return (
    <Panel title={title} className="shrink-0">
      <table className="w-full text-sm" aria-label={title} data-testid={`ho-enquiries-${by}`}>
        <thead>
          <tr className="text-left text-slate-500">
            <th className="py-1 font-medium">{head}</th>
            {stages.map((s) => (
              <th key={s} className="py-1 text-right font-medium whitespace-nowrap">
                {t[s]}
              </th>
            ))}
            <th className="py-1 text-right font-medium whitespace-nowrap">{t.bookingRate}</th>
            <th className="py-1 text-right font-medium whitespace-nowrap">{t.arrivalRate}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} className="border-t border-slate-100">
              <td className="min-w-[9rem] py-1 pr-2">{label(l)}</td>
              {stages.map((s) => (
                <td key={s} className="py-1 text-right tabular-nums">
                  {l[s] ? (
                    <button
                      type="button"
                      className="rounded px-1 text-teal-800 underline underline-offset-2 hover:bg-teal-50 focus:ring-2 focus:ring-teal-600"
                      aria-label={t.hoOpen(t[s], label(l), l[s])}
                      onClick={() => open(`${label(l)} · ${t[s]}`, { by, key: l.key, stage: s })}
                    >
                      {l[s]}
                    </button>
                  ) : (
                    0
                  )}
                </td>
              ))}
              <td className="py-1 text-right tabular-nums">{percent(l.bookingRate)}</td>
              <td className="py-1 text-right tabular-nums">{percent(l.arrivalRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

const cell = 'py-1 pr-2 align-top';

/** The enquiries behind a figure of the 咨询 section. */
export function EnquiryRecords({ drill }: { drill: DrillOf<'enquiries'> }) {
  const t = useText(enquiryText);
  const q = useQuery('headoffice.enquiryRecords', { period: drill.period, filter: drill.filter });
  return (
    <RecordTable
      error={q.error}
      count={q.data?.length}
      head={[t.hoAt, t.hoClinic, t.channel, t.consultantCol, t.name, t.hoOutcome, t.hoArrived]}
      rows={q.data?.map((r) => (
        <tr key={r.id} className="border-t border-slate-100" data-testid="enquiry-record">
          <td className={`${cell} tabular-nums whitespace-nowrap`}>
            {clinicDate(r.at)} {clinicTime(r.at)}
          </td>
          <td className={cell}>{r.clinic}</td>
          <td className={cell}>{t.channels[r.channel] ?? r.channel}</td>
          <td className={cell}>{r.consultantName}</td>
          <td className={cell}>
            {r.name}
            {r.items.length > 0 && <span className="block text-xs text-slate-500">{r.items.join('、')}</span>}
          </td>
          <td className={cell}>{t.outcomes[r.outcome] ?? r.outcome}</td>
          <td className={cell}>{r.arrived ? t.hoYes : t.hoNo}</td>
        </tr>
      ))}
    />
  );
}
