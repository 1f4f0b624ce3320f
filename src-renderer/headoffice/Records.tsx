import type { RefObject } from 'react';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { complaintText } from '../complaints/i18n';
import { inspectionText } from '../inspection/i18n';
import { clinicTime } from '../../shared/time';
import { Button } from '../ui/ui';
import { headOfficeText } from './i18n';
import { RecordTable } from './RecordTable';
import type { Drill, DrillOf } from './drill';
import { EnquiryRecords } from '../enquiries/HeadOfficeEnquiries';
import { FollowupRecords } from '../followup/HeadOfficeFollowup';

export type { Drill, DrillOf, VisitOutcome } from './drill';

/** The records behind a figure, beside the dashboard; Esc or 关闭 closes it. */
export function Records({ drill, headingRef, onClose }: { drill: Drill; headingRef: RefObject<HTMLHeadingElement | null>; onClose(): void }) {
  const t = useText(headOfficeText);
  return (
    <aside
      className="flex w-[34rem] shrink-0 flex-col rounded-xl bg-white shadow-lg ring-1 ring-slate-300"
      aria-label={t.records}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-bold outline-none">
          {t.recordsOf(drill.title)}
        </h2>
        <Button variant="ghost" onClick={onClose}>
          {t.close}
        </Button>
      </header>
      <p className="px-4 pt-2 text-sm text-slate-500">
        {drill.period.clinic ?? t.allClinics} · {drill.period.from} – {drill.period.to}
      </p>
      {drill.kind === 'visits' && <VisitRows drill={drill} />}
      {drill.kind === 'complaints' && <ComplaintRows drill={drill} />}
      {drill.kind === 'inspections' && <InspectionRows drill={drill} />}
      {drill.kind === 'tea' && <TeaRows drill={drill} />}
      {drill.kind === 'noShows' && <NoShowRows drill={drill} />}
      {drill.kind === 'enquiries' && <EnquiryRecords drill={drill} />}
      {drill.kind === 'followup' && <FollowupRecords drill={drill} />}
    </aside>
  );
}

const cell = 'py-1 pr-2 align-top';

function VisitRows({ drill }: { drill: DrillOf<'visits'> }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.visitRecords', { period: drill.period, firstVisit: drill.firstVisit, departmentName: drill.departmentName, source: drill.source, outcome: drill.outcome });
  return (
    <RecordTable
      error={q.error}
      count={q.data?.length}
      head={[t.date, t.clinic, t.customer, t.firstOrReturning, t.department]}
      rows={q.data?.map((r) => (
        <tr key={r.id} className="border-t border-slate-100">
          <td className={`${cell} tabular-nums`}>
            {r.date} {clinicTime(r.arrivedAt)}
          </td>
          <td className={cell}>{r.clinic}</td>
          <td className={cell}>{r.customerName}</td>
          <td className={cell}>{r.firstVisit ? t.first : t.returning}</td>
          <td className={cell}>{r.departmentName}</td>
        </tr>
      ))}
    />
  );
}

function ComplaintRows({ drill }: { drill: DrillOf<'complaints'> }) {
  const t = useText(headOfficeText);
  const ct = useText(complaintText);
  const q = useQuery('headoffice.complaintRecords', { period: drill.period, filter: drill.filter });
  return (
    <RecordTable
      error={q.error}
      count={q.data?.length}
      head={[t.number, t.date, t.patient, t.channel, t.category, t.step, t.money]}
      rows={q.data?.map((r) => (
        <tr key={r.id} className={`border-t border-slate-100 ${r.overdue ? 'bg-rose-50' : ''}`}>
          <td className={`${cell} font-medium`}>{r.number ?? `${r.clinic} · ${ct.numberPending}`}</td>
          <td className={`${cell} tabular-nums`}>{r.date}</td>
          <td className={cell}>{r.patientName}</td>
          <td className={cell}>{ct.channelName[r.channel as keyof typeof ct.channelName] ?? r.channel}</td>
          <td className={cell}>{r.category ? (ct.categoryName[r.category] ?? r.category) : ct.unclassified}</td>
          <td className={cell}>
            {ct.stepName[r.step as keyof typeof ct.stepName] ?? r.step}
            {r.overdueDeadlines.map((d) => (
              <span key={d} className="ml-1 rounded bg-rose-100 px-1 text-xs text-rose-800">
                {ct.deadlineName[d] ?? d}
              </span>
            ))}
          </td>
          <td className={`${cell} tabular-nums`}>{r.refund || r.compensation ? `¥${r.refund} / ¥${r.compensation}` : '—'}</td>
        </tr>
      ))}
    />
  );
}

function InspectionRows({ drill }: { drill: DrillOf<'inspections'> }) {
  const t = useText(headOfficeText);
  const it = useText(inspectionText);
  const q = useQuery('headoffice.inspectionRecords', { period: drill.period, filter: drill.filter });
  const d = q.data;
  const kind = (k: string) => it.kind[k as keyof typeof it.kind] ?? k;
  if (drill.filter.kind === 'inspections')
    return (
      <RecordTable
        error={q.error}
        count={d?.inspections.length}
        head={[t.date, t.clinic, t.iByKind, t.inspector, t.iInspected, t.iFail]}
        rows={d?.inspections.map((r) => (
          <tr key={r.id} className="border-t border-slate-100">
            <td className={`${cell} tabular-nums`}>{r.date}</td>
            <td className={cell}>{r.clinic}</td>
            <td className={cell}>
              {kind(r.kind)} · {r.templateName}
            </td>
            <td className={cell}>{r.inspectorName}</td>
            <td className={`${cell} tabular-nums`}>{r.inspected}</td>
            <td className={`${cell} tabular-nums`}>{r.fails}</td>
          </tr>
        ))}
      />
    );
  if (drill.filter.kind === 'weeksMissed')
    return (
      <RecordTable
        error={q.error}
        count={d?.weeks.length}
        head={[t.clinic, t.iMissedWeeks]}
        rows={d?.weeks.map((w) => (
          <tr key={`${w.clinic}${w.from}`} className="border-t border-slate-100">
            <td className={cell}>{w.clinic}</td>
            <td className={`${cell} tabular-nums`}>{t.weekRange(w.from, w.to)}</td>
          </tr>
        ))}
      />
    );
  if (drill.filter.kind === 'teamMissed')
    return (
      <RecordTable
        error={q.error}
        count={d?.months.length}
        head={[t.clinic, t.iTeamMissed]}
        rows={d?.months.map((m) => (
          <tr key={`${m.clinic}${m.month}`} className="border-t border-slate-100">
            <td className={cell}>{m.clinic}</td>
            <td className={`${cell} tabular-nums`}>{m.month}</td>
          </tr>
        ))}
      />
    );
  if (drill.filter.kind === 'penalties')
    return (
      <RecordTable
        error={q.error}
        count={d?.penalties.length}
        head={[t.date, t.clinic, t.staff, t.iItem, t.measureCol, t.amount]}
        rows={d?.penalties.map((p) => (
          <tr key={p.id} className="border-t border-slate-100">
            <td className={`${cell} tabular-nums`}>{p.date}</td>
            <td className={cell}>{p.clinic}</td>
            <td className={cell}>{p.staffName}</td>
            <td className={cell}>{p.itemLabel}</td>
            <td className={cell}>{it.measure[p.measure as keyof typeof it.measure] ?? p.measure}</td>
            <td className={`${cell} tabular-nums`}>¥{p.yuan}</td>
          </tr>
        ))}
      />
    );
  return (
    <RecordTable
      error={q.error}
      count={d?.marks.length}
      head={[t.date, t.clinic, t.staff, t.iItem, t.iPass + '/' + t.iFail]}
      rows={d?.marks.map((m) => (
        <tr key={m.id} className={`border-t border-slate-100 ${m.mark === 'fail' ? 'bg-rose-50' : ''}`}>
          <td className={`${cell} tabular-nums`}>{m.date}</td>
          <td className={cell}>{m.clinic}</td>
          <td className={cell}>{m.staffName}</td>
          <td className={cell}>{m.label}</td>
          <td className={cell}>{m.mark === 'fail' ? t.iFail : t.iPass}</td>
        </tr>
      ))}
    />
  );
}

function TeaRows({ drill }: { drill: DrillOf<'tea'> }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.teaRecords', { period: drill.period, kind: drill.teaKind, item: drill.item });
  return (
    <RecordTable
      error={q.error}
      count={q.data?.length}
      head={[t.date, t.clinic, t.customer, t.servedBy, ...(drill.teaKind === 'missed' ? [t.missedItems] : [])]}
      rows={q.data?.map((r) => (
        <tr key={r.id} className="border-t border-slate-100">
          <td className={`${cell} tabular-nums`}>
            {r.date} {clinicTime(r.at)}
          </td>
          <td className={cell}>{r.clinic}</td>
          <td className={cell}>{r.customerName}</td>
          <td className={cell}>
            {r.byName} · {t.teaKind[r.kind] ?? r.kind}
          </td>
          {drill.teaKind === 'missed' && <td className={cell}>{r.missed.join('、')}</td>}
        </tr>
      ))}
    />
  );
}

function NoShowRows({ drill }: { drill: DrillOf<'noShows'> }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.noShowRecords', { period: drill.period });
  return (
    <RecordTable
      error={q.error}
      count={q.data?.length}
      head={[t.date, t.clinic, t.customer, t.serviceItem, t.noShowHow]}
      rows={q.data?.map((r) => (
        <tr key={r.id} className="border-t border-slate-100">
          <td className={`${cell} tabular-nums`}>
            {r.date} {r.time}
          </td>
          <td className={cell}>{r.clinic}</td>
          <td className={cell}>{r.name}</td>
          <td className={cell}>{r.serviceItem}</td>
          <td className={cell}>{r.how === 'auto' ? t.noShowAuto : t.noShowManual(r.recordedBy)}</td>
        </tr>
      ))}
    />
  );
}
