import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useText } from '../i18n/i18n';
import { labelled } from '../i18n/common';
import { yuanInCapitals } from '../../shared/money';
import { Button } from './ui';
import { slipText } from './i18n';
import './print.css';
import './slip.css';

/** One fined person on a slip: the person at fault, or a superior fined with her (连带). */
export interface SlipPerson {
  role: 'self' | 'supervisor' | 'deptHead' | 'leadership';
  name: string;
  staffNumber: string | null;
  department: string;
  measure: string;
  /** ¥; null while undecided (printed as a blank to fill in). */
  amount: number | null;
}

/** One fault on a slip: what, the how-manieth time, and the earlier ones with their dates. */
export interface SlipFault {
  what: string;
  occurrence: string;
  earlier: string[];
}

/**
 * What one 员工过失处罚单 says, whichever domain issues it (an inspection, a complaint's step-10
 * penalty, a lateness or absence): each domain builds these from its own records.
 */
export interface SlipModel {
  number: string;
  clinicName: string;
  date: string;
  /** Where the fault was found: 检查类型 + 检查人, or 投诉编号; label and value each. */
  source: { label: string; value: string }[];
  faults: SlipFault[];
  persons: SlipPerson[];
  /** The inspector's note, the decision's reason, the complaint in short. */
  note: string;
}

const grid = '[&_td]:border [&_td]:border-slate-500 [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-slate-500 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_th]:font-medium';

/**
 * The one 员工过失处罚单 (issue 19): slip number, clinic, 工号 and department, the faults with the
 * earlier ones, where it was found, every fined person with the amount in figures and in capitals
 * (大写金额), and lines for the person, the supervisor, the department head and the approver to
 * sign. A5 landscape, one slip a page (slip.css); several slips print one after another.
 */
export function PenaltySlip({ slips, onClose }: { slips: SlipModel[]; onClose(): void }) {
  const t = useText(slipText);
  const barRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    barRef.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // On <body>, out of the screen's scrolling panels, so that print lays the slips out page by page.
  return createPortal(
    <div className="penalty-slips print-alone fixed inset-0 z-50 flex flex-col items-center gap-6 overflow-auto bg-slate-900/40 p-6" role="dialog" aria-modal="true" aria-label={t.title}>
      <div ref={barRef} className="no-print flex w-[52rem] shrink-0 items-center justify-end gap-2 rounded-xl bg-white px-4 py-2 shadow">
        <span className="mr-auto font-medium text-slate-700">{t.title}</span>
        <Button onClick={() => window.print()}>{t.print}</Button>
        <Button variant="secondary" onClick={onClose}>
          {t.close}
        </Button>
      </div>
      {slips.map((s) => (
        <Slip key={s.number} slip={s} />
      ))}
    </div>,
    document.body,
  );
}

function Slip({ slip }: { slip: SlipModel }) {
  const t = useText(slipText);
  const total = slip.persons.reduce((n, p) => n + (p.amount ?? 0), 0);
  const self = slip.persons.find((p) => p.role === 'self');
  return (
    <article className="penalty-slip w-[52rem] shrink-0 rounded-xl bg-white p-8 text-sm text-slate-900 shadow-xl" data-testid="slip">
      <h1 className="text-center text-xl font-bold tracking-widest">{slip.clinicName}</h1>
      <h2 className="text-center text-lg font-bold tracking-[0.3em]">{t.title}</h2>
      <p className="mb-2 flex justify-between text-xs">
        <span>
          {labelled(t.number, '')}
          <span className="font-mono" data-testid="slip-number">{slip.number}</span>
        </span>
        <span>{labelled(t.date, slip.date)}</span>
      </p>
      <table className={`w-full border-collapse ${grid}`}>
        <tbody>
          <tr>
            <th className="w-24">{t.person}</th>
            <td data-testid="slip-name">{self?.name ?? '—'}</td>
            <th className="w-20">{t.staffNumber}</th>
            <td data-testid="slip-staff-number">{self?.staffNumber ?? '—'}</td>
            <th className="w-20">{t.department}</th>
            <td>{self?.department ?? '—'}</td>
          </tr>
          <tr>
            {slip.source.map((s) => (
              <SourceCells key={s.label} label={s.label} value={s.value} span={slip.source.length === 1 ? 5 : slip.source.length === 2 ? 2 : 1} />
            ))}
          </tr>
        </tbody>
      </table>
      <table className={`mt-2 w-full border-collapse ${grid}`}>
        <thead>
          <tr>
            <th>{t.faults}</th>
            <th className="w-28 whitespace-nowrap">{t.occurrence}</th>
            <th className="w-56">{t.earlier}</th>
          </tr>
        </thead>
        <tbody data-testid="slip-faults">
          {slip.faults.map((f, i) => (
            <tr key={i}>
              <td>{f.what}</td>
              <td className="whitespace-nowrap">{f.occurrence}</td>
              <td>{f.earlier.length ? f.earlier.join('、') : t.none}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className={`mt-2 w-full border-collapse ${grid}`}>
        <thead>
          <tr>
            <th className="w-24">{t.role}</th>
            <th>{t.person}</th>
            <th className="w-20">{t.staffNumber}</th>
            <th>{t.measure}</th>
            <th className="w-24">{t.amount}</th>
            <th>{t.capitals}</th>
          </tr>
        </thead>
        <tbody data-testid="slip-persons">
          {slip.persons.map((p, i) => (
            <tr key={i}>
              <td>{t.roleName[p.role]}</td>
              <td>{p.name}</td>
              <td>{p.staffNumber ?? '—'}</td>
              <td>{p.measure}</td>
              <td className="tabular-nums">{p.amount === null ? '' : t.yuan(p.amount)}</td>
              <td>{p.amount === null ? '' : t.rmb(yuanInCapitals(p.amount))}</td>
            </tr>
          ))}
          <tr>
            <th colSpan={4} className="text-right">
              {t.total}
            </th>
            <td className="font-bold tabular-nums" data-testid="slip-total">
              {t.yuan(total)}
            </td>
            <td className="font-bold" data-testid="slip-total-capitals">
              {t.rmb(yuanInCapitals(total))}
            </td>
          </tr>
        </tbody>
      </table>
      {slip.note && (
        <p className="mt-2 line-clamp-2" data-testid="slip-note">
          {labelled(t.note, slip.note)}
        </p>
      )}
      <div className="mt-5 grid grid-cols-4 gap-4" data-testid="slip-signatures">
        {[t.signPerson, t.signSupervisor, t.signDeptHead, t.signApprover].map((label) => (
          <div key={label}>
            <p className="border-b border-slate-600 pb-7">{labelled(label, '')}</p>
            <p className="mt-1 text-xs">{t.signDate}</p>
          </div>
        ))}
      </div>
    </article>
  );
}

function SourceCells({ label, value, span }: { label: string; value: string; span: number }) {
  return (
    <>
      <th>{label}</th>
      <td colSpan={span}>{value}</td>
    </>
  );
}
