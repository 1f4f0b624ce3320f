import { useEffect, useRef } from 'react';
import { useText } from '../i18n/i18n';
import type { InspectionView } from '../../shared/inspection/schemas';
import { useShell } from '../shell/store';
import { Button } from '../ui/ui';
import { inspectionText } from './i18n';
import '../ui/print.css';
import './print.css';
import { aside } from '../i18n/common';


/** 员工过失处罚单: one person's faults found in one inspection, with the amounts and the signature lines. */
export function PenaltySlip({ view, staffId, onClose }: { view: InspectionView; staffId: string; onClose(): void }) {
  const t = useText(inspectionText);
  const clinic = useShell((s) => s.status?.clinic);
  const person = view.staff.find((s) => s.id === staffId);
  const lines = view.penalties.filter((p) => p.staffId === staffId);
  const barRef = useRef<HTMLDivElement>(null);
  // The decision as it counts: a lead's latest correction, else the decision (issue 21).
  const amount = (l: (typeof lines)[number]) => l.corrections.at(-1) ?? l.decided ?? null;
  const total = lines.reduce((n, l) => n + (amount(l)?.amount ?? 0), 0);
  const supTotal = lines.reduce((n, l) => n + (amount(l)?.supervisorAmount ?? 0), 0);
  const headTotal = lines.reduce((n, l) => n + (amount(l)?.deptHeadAmount ?? 0), 0);
  const dept = clinic?.departments.find((d) => d.id === person?.departmentId)?.name ?? '—';

  useEffect(() => {
    barRef.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="fixed inset-0 z-40 flex items-start justify-center overflow-auto bg-slate-900/40 p-6" role="dialog" aria-modal="true" aria-label={t.slipTitle}>
      <article className="penalty-slip print-alone w-[52rem] rounded-xl bg-white p-8 text-slate-900 shadow-xl" data-testid="slip">
        <div ref={barRef} className="no-print mb-4 flex justify-end gap-2">
          <Button onClick={() => window.print()}>{t.print}</Button>
          <Button variant="ghost" onClick={onClose}>
            {t.close}
          </Button>
        </div>
        <h1 className="text-center text-2xl font-bold tracking-widest">{clinic?.name}</h1>
        <h2 className="mb-4 text-center text-xl font-bold">{t.slipTitle}</h2>
        <table className="w-full border-collapse text-base [&_td]:border [&_td]:border-slate-400 [&_td]:px-2 [&_td]:py-1.5 [&_th]:border [&_th]:border-slate-400 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1.5 [&_th]:text-left [&_th]:font-medium">
          <tbody>
            <tr>
              <th>{t.slipName}</th>
              <td data-testid="slip-name">{person?.name}</td>
              <th>{t.slipNumber}</th>
              <td>{person?.staffNumber ?? '—'}</td>
              <th>{t.slipDept}</th>
              <td>{dept}</td>
            </tr>
            <tr>
              <th>{t.slipDate}</th>
              <td>{view.date}</td>
              <th>{t.slipKind}</th>
              <td>{t.kind[view.kind]}</td>
              <th>{t.slipInspector}</th>
              <td>{view.signedByName ?? view.inspectorName}</td>
            </tr>
          </tbody>
        </table>
        <table className="mt-4 w-full border-collapse text-base [&_td]:border [&_td]:border-slate-400 [&_td]:px-2 [&_td]:py-1.5 [&_th]:border [&_th]:border-slate-400 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1.5 [&_th]:text-left [&_th]:font-medium">
          <thead>
            <tr>
              <th>{t.slipWhat}</th>
              <th>{t.slipMeasure}</th>
              <th className="w-28">{t.slipAmount}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.itemId}>
                <td>
                  {l.itemLabel}
                  <span className="ml-2 text-sm text-slate-500">{t.occurrence(l.occurrence)}</span>
                </td>
                <td>{amount(l) ? t.measure[amount(l)!.measure] + (amount(l)!.reason ? aside(amount(l)!.reason, t.measure[amount(l)!.measure]).trimStart() : '') : `${t.measure[l.proposed.measure]} ${t.slipPending}`}</td>
                <td className="tabular-nums">{amount(l) ? t.yuan(amount(l)!.amount) : '—'}</td>
              </tr>
            ))}
            <tr>
              <th colSpan={2} className="text-right">
                {t.slipTotal}
              </th>
              <td className="font-bold tabular-nums" data-testid="slip-total">
                {t.yuan(total)}
              </td>
            </tr>
          </tbody>
        </table>
        {lines.some((l) => l.proposed.informSuperiors) && (
          <p className="mt-3" data-testid="slip-informed">
            {t.slipInformed(person?.supervisorName ?? '—', person?.deptHeadName ?? '—')}
          </p>
        )}
        {(supTotal > 0 || headTotal > 0) && (
          <p className="mt-3">
            {t.slipSuperiors}:{t.slipSupervisor(person?.supervisorName ?? '—', supTotal)};{t.slipDeptHead(person?.deptHeadName ?? '—', headTotal)}
          </p>
        )}
        <div className="mt-10 grid grid-cols-3 gap-6">
          {[t.slipStaffSign, t.slipSupervisorSign, t.slipDeanSign].map((label) => (
            <div key={label}>
              <p className="border-b border-slate-500 pb-8">{label}:</p>
              <p className="mt-2 text-sm">{t.slipDateLine}:</p>
            </div>
          ))}
        </div>
      </article>
    </div>
  );
}
