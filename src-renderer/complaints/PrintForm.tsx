import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useText } from '../i18n/i18n';
import { commonText, labelled, aside } from '../i18n/common';
import type { ComplaintView } from '../../shared/complaints/schemas';
import { useShell } from '../shell/store';
import { Button } from '../ui/ui';
import { summary, when } from './format';
import { complaintText } from './i18n';

// A stylesheet, not an inline <style>: the Content-Security-Policy allows styles from the app only.
import './print.css';
import { handlingResult } from '../../shared/complaints/result';

/** 患者投诉处理表 or the patient's 处理结果说明, as paper: print or save as PDF (the 员工过失处罚单 is Slips.tsx). */
export function PrintView({ view, kind, onClose }: { view: ComplaintView; kind: 'form' | 'result'; onClose(): void }) {
  const t = useText(complaintText);
  const c = useText(commonText);
  const clinic = useShell((s) => s.status?.clinic);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const fitRef = useRef<HTMLDivElement>(null);
  const fit = useFitToPage(fitRef, view, kind);
  const cell = 'border border-black px-2 py-1 align-top';
  const row = (label: string, value: string, span = 3) => (
    <tr className={longRow(value)}>
      <th className={`${cell} w-28 bg-slate-50 text-left font-medium`}>{label}</th>
      <td className={cell} colSpan={span}>
        {value || '—'}
      </td>
    </tr>
  );
  return createPortal(
    <div className="print-sheet fixed inset-0 z-50 overflow-auto bg-white p-8 text-black" role="dialog" aria-label={kind === 'form' ? t.formTitle : t.resultTitle}>
      <div className="print-hide mb-4 flex gap-2">
        <Button onClick={() => window.print()}>{t.printNow}</Button>
        <Button variant="ghost" onClick={onClose}>
          {t.back}
        </Button>
      </div>
      <div ref={fitRef} className="print-fit mx-auto" style={fit.style} data-fit={fit.scale}>
        {kind === 'result' ? (
          <ResultLetter view={view} clinicName={clinic?.name ?? ''} />
        ) : kind === 'form' ? (
          <article className="text-sm" data-testid="print-form" data-pages={fit.pages}>
            <table className="w-full border-collapse">
              {/* The title and number in the table's head: a case longer than a page repeats them atop every page (issue 19). */}
              <thead>
                <tr>
                  <th colSpan={4} className="pb-3 font-normal" data-testid="print-head">
                    <h1 className="mb-1 text-center text-2xl font-bold">{t.formTitle}</h1>
                    <p className="text-center">
                      {labelled(t.clinic, clinic?.name)} · {labelled(t.number, '')}<span className="font-mono">{view.number ?? t.numberPending}</span>
                      {view.numbers
                        .filter((n) => n.withdrawn)
                        .map((n) => (
                          <span key={n.number} className="ml-2" data-testid="print-withdrawn">
                            {t.withdrawnNumber(n.number, n.withdrawn!.replacedBy, n.withdrawn!.byName, new Date(n.withdrawn!.at).toLocaleString('zh-CN'), n.withdrawn!.reason)}
                          </span>
                        ))}
                    </p>
                  </th>
                </tr>
              </thead>
              <tbody>
                {row(t.patient, `${view.patientName} · ${t.phone} ${view.patientPhone}`)}
                {row(t.received, `${when(view.receivedAt)} · ${t.channelName[view.channel]} · ${t.recordedBy} ${view.recordedByName}`)}
                {view.promisedReplyAt && row(t.promisedReply, when(view.promisedReplyAt))}
                {row(t.what, view.what)}
                {row(t.wants, view.wants)}
                {row(t.staffInvolved, `${view.staffInvolved}${view.departmentName ? ` · ${view.departmentName}` : ''}`)}
                {row(t.evidence, view.evidence.map((e) => e.name).join('、'))}
                {row(t.category, view.category ? t.categoryName[view.category]! : t.unclassified)}
                {view.events
                  .filter((e) => !e.ignored)
                  .map((e) => (
                    <tr key={e.id} className={longRow(summary(e.data, t))}>
                      <th className={`${cell} w-28 bg-slate-50 text-left font-medium`}>{t.eventName[e.kind]}</th>
                      <td className={cell} colSpan={2}>
                        {summary(e.data, t)}
                      </td>
                      <td className={`${cell} w-44`}>
                        {when(e.at)} {e.byName}{aside(c.role[e.byRole as keyof typeof c.role] ?? e.byRole, e.byName)}
                      </td>
                    </tr>
                  ))}
                {row(t.deadlines, view.deadlines.map((d) => labelled(`${t.deadlineName[d.key] ?? d.key}${aside(t.ruleText(d.rule))}`, t.status[d.status])).join(t.listSep))}
              </tbody>
            </table>
            {/* Each signs on her own line (issue 19): the patient, the CS director, the approver. */}
            <div className="mt-6 grid grid-cols-3 gap-6" data-testid="print-signatures">
              {[t.signPatient, t.signCsDirector, t.signApprover].map((label) => (
                <div key={label}>
                  <p className="border-b border-black pb-8">{labelled(label, '')}</p>
                  <p className="mt-1 text-xs">{t.signDate}</p>
                </div>
              ))}
            </div>
          </article>
        ) : null}
      </div>
    </div>,
    document.body,
  );
}

/**
 * A row of more than some ten lines may run on over a page break (print.css), so that it does not
 * move whole to the next page and leave half a page blank; shorter rows are never split.
 */
const longRow = (text: string) => (text.length > 400 ? 'print-may-break' : undefined);

/** The printable area of the A4 page print.css names (210 × 297 mm less 14 mm margins), in CSS px. */
const PAGE = { width: (182 * 96) / 25.4, height: (269 * 96) / 25.4 };
/** Below this the text is too small to read on paper: a longer sheet takes a second page. */
const MIN_SCALE = 0.6;
/** A sheet over several pages loses some height where a row moves whole to the next page: the share kept for it. */
const BREAK_SLACK = 0.85;

/**
 * One A4 page for a long case (issue 19): the sheet is laid out on screen at the page's width, and
 * when it is taller than the page it prints zoomed (print.css: `zoom: var(--fit)`), its width
 * widened by as much so that it still fills the page's width; the text flows again at that width,
 * so each zoom is measured at its own width. Measured again whenever the case changes.
 */
function useFitToPage(ref: RefObject<HTMLDivElement | null>, view: ComplaintView, kind: string) {
  const [fit, setFit] = useState({ scale: 1, pages: 1 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = el.style.width;
    // The sheet's height on paper at zoom s: laid out s times wider, then zoomed by s.
    const printed = (s: number) => {
      el.style.width = `${PAGE.width / s}px`;
      return el.scrollHeight * s;
    };
    const next = fitToPages(printed);
    el.style.width = width;
    setFit(next);
  }, [ref, view, kind]);
  return { ...fit, style: { width: PAGE.width, '--fit': fit.scale } as CSSProperties };
}

/**
 * The zoom and page count, given the sheet's height on paper at a zoom: one page, zoomed down to 0.6
 * at most; past that (a case of some 4,000 characters and more) as few pages as 0.6 allows, zoomed as
 * large as those pages hold (at most full size), the table's head repeated on each and the page
 * numbers in the margin (print.css). Zooms go by 0.02.
 */
function fitToPages(printed: (scale: number) => number): { scale: number; pages: number } {
  const scales = Array.from({ length: Math.round((1 - MIN_SCALE) / 0.02) + 1 }, (_, i) => Math.round((1 - i * 0.02) * 100) / 100);
  // 2% kept for rounding and the table borders' half-pixels.
  const onOne = scales.find((s) => printed(s) <= PAGE.height * 0.98);
  if (onOne !== undefined) return { scale: onOne, pages: 1 };
  const pages = Math.ceil(printed(MIN_SCALE) / (PAGE.height * BREAK_SLACK));
  return { scale: scales.find((s) => printed(s) <= PAGE.height * BREAK_SLACK * pages) ?? MIN_SCALE, pages };
}

/**
 * 处理结果说明: the written result of the handling, for the patient (issue 18): what she complained
 * of, what was found, what was agreed (the plan in force, refund and compensation), when the case
 * closed, whom to call, and lines for the clinic's seal and the patient's receipt. Nothing internal
 * (penalties, approvals, deadlines) is on it.
 */
function ResultLetter({ view, clinicName }: { view: ComplaintView; clinicName: string }) {
  const t = useText(complaintText);
  // What the patient is told (shared/complaints/result.ts): the plan she agreed to, or the hand-over to legal.
  const result = handlingResult(view.events);
  const findings = result?.findings ?? '';
  const outcome = result?.outcome ?? null;
  const refund = outcome?.kind === 'agreed' ? outcome.refund : 0;
  const compensation = outcome?.kind === 'agreed' ? outcome.compensation : 0;
  const cell = 'border border-black px-2 py-1 align-top';
  const row = (label: string, value: string) => (
    <tr>
      <th className={`${cell} w-32 text-left font-medium`}>{label}</th>
      <td className={`${cell} whitespace-pre-wrap`}>{value || '—'}</td>
    </tr>
  );
  return (
    <article className="text-sm" data-testid="print-result">
      <h1 className="mb-1 text-center text-2xl font-bold">{t.resultTitle}</h1>
      <p className="mb-3 text-center">
        {clinicName} · {t.number}：<span className="font-mono">{view.number ?? t.numberPending}</span>
      </p>
      <p className="mb-3">{t.resultDear(view.patientName)}</p>
      <p className="mb-3 indent-8">{t.resultIntro(when(view.receivedAt).slice(0, 10))}</p>
      <table className="mb-4 w-full border-collapse">
        <tbody>
          {row(t.resultWhat, view.what)}
          {row(t.resultFindings, findings)}
          {row(t.resultOutcome, outcome?.kind === 'legal' ? t.resultLegal : (outcome?.solution ?? ''))}
          {(refund > 0 || compensation > 0) && row(t.resultMoney, [refund > 0 ? t.resultRefund(refund) : '', compensation > 0 ? t.resultCompensation(compensation) : ''].filter(Boolean).join('；'))}
          {row(t.resultClosed, result ? when(result.closedAt).slice(0, 10) : '')}
        </tbody>
      </table>
      <p className="mb-8 indent-8">{t.resultContact}</p>
      <div className="grid grid-cols-2 gap-8">
        <div className="space-y-6">
          <p>{t.resultSeal}</p>
          <p>{t.resultCsDirector}＿＿＿＿＿＿＿＿</p>
          <p>{t.resultDate}＿＿＿＿年＿＿月＿＿日</p>
        </div>
        <div className="space-y-6">
          <p>{t.resultPatientSign}＿＿＿＿＿＿＿＿</p>
          <p>{t.resultDate}＿＿＿＿年＿＿月＿＿日</p>
        </div>
      </div>
    </article>
  );
}
