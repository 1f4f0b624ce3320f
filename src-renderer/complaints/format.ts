import { clinicDate, clinicTime } from '../../shared/time';
import { labelled } from '../i18n/common';
import type { complaintText } from './i18n';

/** `2026-11-27 10:05` in clinic time. */
export function when(iso: string): string {
  return `${clinicDate(iso)} ${clinicTime(iso)}`;
}

/** Hours and minutes between now and a due time: positive = left, negative = late. */
export function timeLeft(dueAt: string, now: Date): { late: boolean; h: number; m: number } {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return { late: ms < 0, h: Math.floor(minutes / 60), m: minutes % 60 };
}

export const statusTone: Record<string, string> = {
  done: 'bg-emerald-100 text-emerald-900',
  late: 'bg-amber-100 text-amber-900',
  superseded: 'bg-slate-100 text-slate-500 line-through',
  overdue: 'bg-rose-600 text-white',
  dueSoon: 'bg-amber-300 text-amber-950',
  open: 'bg-slate-100 text-slate-800',
};

/** The few facts of an event worth a line: category, money, decision, the text typed. */
export function summary(d: Record<string, unknown>, t: typeof complaintText['zh-CN']): string {
  const parts: string[] = [];
  if (typeof d.category === 'string') parts.push(`${t.categoryName[d.category]} / ${t.subcategoryName[String(d.subcategory)]}${typeof d.serviceType === 'string' ? ` / ${t.serviceTypeName[d.serviceType] ?? d.serviceType}` : ''}`);
  if (typeof d.responsible === 'string' && d.responsible) parts.push(labelled(t.responsible, d.responsible));
  if (typeof d.cause === 'string' && d.cause) parts.push(labelled(t.cause, d.cause));
  if (typeof d.solution === 'string') parts.push(d.solution);
  if (typeof d.refund === 'number' && d.refund > 0) parts.push(`${t.refund}${d.refund}`);
  if (typeof d.compensation === 'number' && d.compensation > 0) parts.push(`${t.compensation}${d.compensation}`);
  if (typeof d.approved === 'boolean') parts.push(d.approved ? t.approve : t.reject);
  if (typeof d.agreed === 'boolean') parts.push(d.agreed ? t.agree : t.disagree);
  if (d.patientConfirmed === true) parts.push(t.patientConfirmed);
  if (d.handedToLegal === true) parts.push(t.handedToLegal);
  if (typeof d.payment === 'string')
    parts.push(
      t.paperworkSummary({
        payment: t.paymentName[d.payment] ?? d.payment,
        amount: typeof d.amount === 'number' ? d.amount : null,
        oa: d.oaStarted === true,
        crm: d.crmNoted === true,
        record: d.medicalRecordNoted === true,
        notedBy: typeof d.notedBy === 'string' ? d.notedBy : '',
        bankCardBy: typeof d.bankCardBy === 'string' ? d.bankCardBy : null,
      }),
    );
  if (d.copiesSent === true) parts.push(t.copiesSent);
  if (d.deanAgreed === true) parts.push(t.deanAgreed);
  if (typeof d.satisfaction === 'string') parts.push(t.satisfactionName[d.satisfaction] ?? '');
  if (Array.isArray(d.persons)) for (const p of d.persons as { name: string; level: 'I' }[]) parts.push(`${p.name} ${t.levelName[p.level]}`);
  if (Array.isArray(d.actions)) (d.actions as { what: string; owner: string }[]).forEach((a, i) => parts.push(t.actionLine(i + 1, a.what, a.owner)));
  if (typeof d.index === 'number') parts.push(t.actionWhat(d.index + 1));
  for (const k of ['name', 'toWhom', 'staffTalkedTo', 'patientDemands', 'findings', 'reason', 'plan', 'result', 'text', 'note'])
    if (typeof d[k] === 'string' && d[k]) parts.push(d[k]);
  return parts.join(' · ');
}

/**
 * A deadline as the day it is due: a limit that ends at midnight reads `2026-10-10 24:00` (the
 * 10th's end), never `2026-10-11 00:00`, which a reader takes for a day later.
 */
export function dueWhen(iso: string): string {
  const time = clinicTime(iso);
  if (time !== '00:00') return `${clinicDate(iso)} ${time}`;
  return `${clinicDate(new Date(new Date(iso).getTime() - 60_000).toISOString())} 24:00`;
}
