import { useState } from 'react';
import { api } from '../api/client';
import { useNow, useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { aside, commonText } from '../i18n/common';
import type { EventKind } from '../../shared/complaints/rules';
import type { ComplaintView } from '../../shared/complaints/schemas';
import { Banner, Button, Panel } from '../ui/ui';
import { PrintView } from './PrintForm';
import { ComplaintSlips } from './Slips';
import { StepForm } from './StepForm';
import { dueWhen, statusTone, summary, timeLeft, when } from './format';
import { complaintText } from './i18n';
import { useCaseSource } from './source';
import { followupText } from '../followup/i18n';
import { areasOf, useShell } from '../shell/store';

const SIDE: EventKind[] = ['escalate', 'note', 'notify'];

/** One case: where it stands, every deadline with the time left, what happened, and the next step for this operator. */
export function CaseView({ id }: { id: string }) {
  const t = useText(complaintText);
  const c = useText(commonText);
  const source = useCaseSource();
  // Head office's view is the clinic's view with the clinic named (a superset of the same shape).
  const q = useQuery((source === 'headOffice' ? 'headoffice.complaintGet' : 'complaint.get') as 'complaint.get', { id });
  const [printing, setPrinting] = useState<'form' | 'notice' | 'result' | null>(null);
  const [side, setSide] = useState<EventKind | null>(null);
  const [recorded, setRecorded] = useState(false);
  const v = q.data;
  if (q.error) return <Banner tone="error">{c.error[q.error.code] ?? q.error.message}</Banner>;
  if (!v || v.id !== id) return <Panel title={c.loading}><p>{c.loading}</p></Panel>;
  // After 患者不同意 the next step is the escalation: its form opens as the main one (no dead end).
  const mustEscalate = v.current === 7 && !v.allowed.includes('negotiate') && v.allowed.includes('escalate');
  const main = v.allowed.find((k) => !SIDE.includes(k)) ?? (mustEscalate ? 'escalate' : null);
  return (
    <>
      {printing === 'notice' ? <ComplaintSlips view={v} onClose={() => setPrinting(null)} /> : printing && <PrintView view={v} kind={printing} onClose={() => setPrinting(null)} />}
      <Panel
        className="h-full"
        title={
          <span className="flex items-baseline gap-3">
            <span className="font-mono" data-testid="case-number">{v.number ?? t.numberPending}</span>
            <span>{v.patientName}</span>
            <span className="rounded bg-teal-100 px-2 text-base text-teal-900" data-testid="case-step">
              {v.current <= 11 ? `${t.step(v.current)} · ` : ''}
              {t.stepName[v.currentKey]}
            </span>
          </span>
        }
        actions={
          !v.limited && (
            <div className="flex gap-2">
              {v.events.some((e) => e.kind === 'penalty' && !e.ignored) && (
                <Button variant="ghost" onClick={() => setPrinting('notice')}>
                  {t.faultNotice}
                </Button>
              )}
              {v.closed && (
                <Button variant="ghost" onClick={() => setPrinting('result')}>
                  {t.resultPrint}
                </Button>
              )}
              <Button variant="secondary" onClick={() => setPrinting('form')}>
                {t.print}
              </Button>
            </div>
          )
        }
      >
        <div className="space-y-4">
          {v.numberProblem && <Banner tone="error">{t.numberProblem}: {v.numbers.map((n) => n.number).join('、')}</Banner>}
          {v.numbers
            .filter((n) => n.withdrawn)
            .map((n) => (
              <Banner key={n.number} tone="info">
                <span data-testid="withdrawn-number">{t.withdrawnNumber(n.number, n.withdrawn!.replacedBy, n.withdrawn!.byName, new Date(n.withdrawn!.at).toLocaleString('zh-CN'), n.withdrawn!.reason)}</span>
              </Banner>
            ))}
          {v.missingCalendarYears.length > 0 && <Banner tone="error">{t.calendarMissing(v.missingCalendarYears.join('、'))}</Banner>}
          {v.limited && <Banner tone="info">{t.limited}</Banner>}
          {v.limited && v.allowed.includes('notify') && (
            <section aria-label={t.notifyTitle} className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
              <h3 className="mb-2 font-bold">{t.notifyTitle}</h3>
              <StepForm key={`${v.id}-notify`} caseId={v.id} kind="notify" onDone={() => q.reload()} />
            </section>
          )}
          <Intake v={v} />
          <StepBar v={v} />
          {!v.limited && <Deadlines v={v} />}
          {!v.limited && v.preventionActions.length > 0 && <Actions v={v} />}
          {!v.limited && (
            <section aria-label={t.nextStep} className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
              <h3 className="mb-2 font-bold">
                {t.nextStep}
                {mustEscalate && <span className="ml-3 text-sm font-normal text-rose-700">{t.escalateNow}</span>}
                {v.approverRoles.length > 0 && v.current === 6 && <span className="ml-3 text-sm font-normal text-slate-600">{t.approvers(v.approverRoles.map((r) => c.role[r]).join(' / '))} · {t.amount(v.amount)}</span>}
              </h3>
              {v.approvalBand && v.current === 6 && (
                <p className="mb-2 text-sm text-slate-600" data-testid="approval-band">
                  {t.bandRule(v.approvalBand.band, v.approvalBand.mediumFrom, v.approvalBand.largeAbove)} ·{' '}
                  <span className={v.approvalBand.source === 'clinic' ? 'font-medium text-violet-800' : ''}>{v.approvalBand.source === 'clinic' ? t.clinicRule : t.groupRule}</span>
                </p>
              )}
              {main ? (
                <StepForm
                  key={`${v.id}-${main}-${v.events.length}`}
                  caseId={v.id}
                  kind={main}
                  amount={v.amount}
                  openActions={v.preventionActions.flatMap((a, index) => (a.doneAt ? [] : [{ index, what: a.what, owner: a.owner }]))}
                  focusFirst={recorded}
                  onDone={() => {
                    setRecorded(true);
                    q.reload();
                  }}
                />
              ) : (
                <p className="text-slate-600">{v.currentKey === 'done' ? t.stepName.done : t.nothingForYou}</p>
              )}
              <div className="mt-3 flex gap-2">
                {SIDE.filter((k) => v.allowed.includes(k) && k !== main).map((k) => (
                  <Button key={k} variant={side === k ? 'primary' : 'ghost'} onClick={() => setSide(side === k ? null : k)}>
                    {k === 'escalate' ? t.escalate : k === 'notify' ? t.notifyAct : t.addNote}
                  </Button>
                ))}
              </div>
              {side && v.allowed.includes(side) && (
                <div className="mt-2">
                  <StepForm key={`${v.id}-${side}-${v.events.length}`} caseId={v.id} kind={side} onDone={() => {
                      setSide(null);
                      q.reload();
                    }} />
                </div>
              )}
            </section>
          )}
          {!v.limited && <History v={v} />}
        </div>
      </Panel>
    </>
  );
}

/**
 * Shows an evidence file (fetched through the contract, kept in a Blob): a photo in an overlay,
 * a PDF saved as a download (no new windows: the desktop app blocks them).
 */
/** Opens an evidence file: a photo in the overlay, anything else downloaded; at head office from its consolidated copy. */
async function openEvidence(id: string, name: string, show: (url: string) => void, source: 'clinic' | 'headOffice') {
  const file = await (source === 'headOffice' ? api['headoffice.complaintEvidence']({ id, name }) : api['complaint.evidence']({ id, name }));
  const bytes = Uint8Array.from(atob(file.data), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  if (file.mime.startsWith('image/')) return show(url);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function PhotoOverlay({ url, onClose }: { url: string; onClose(): void }) {
  const t = useText(complaintText);
  return (
    <div role="dialog" aria-label={t.evidence} className="fixed inset-0 z-40 flex items-center justify-center bg-black/70 p-8" onClick={onClose} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <img src={url} alt={t.evidence} className="max-h-full max-w-full rounded bg-white" />
      <Button variant="secondary" className="absolute right-6 top-6" autoFocus onClick={onClose}>
        {t.back}
      </Button>
    </div>
  );
}

/**
 * A complaint opened from a follow-up call (回访反馈) links back to its task: the plan and the day
 * from the task's id (`followup-task:<CODE>:<plan>:<date>:<tail>`), and the 回访 area for those who call.
 */
function FromFollowup({ taskId }: { taskId: string }) {
  const t = useText(complaintText);
  const f = useText(followupText);
  const { status, go } = useShell();
  const [, , plan = '', date = ''] = taskId.split(':');
  const planName = (f.plan as Record<string, string>)[plan] ?? plan;
  return (
    <div className="col-span-2 flex items-center gap-2" data-testid="from-followup">
      <dt className="w-28 shrink-0 text-slate-500">{t.fromFollowup}</dt>
      <dd className="flex items-center gap-3">
        <span>{`${planName} · ${date}`}</span>
        {areasOf(status).includes('followup') && (
          <Button variant="secondary" onClick={() => go('followup')}>
            {t.openFollowup}
          </Button>
        )}
      </dd>
    </div>
  );
}

function Intake({ v }: { v: ComplaintView }) {
  const t = useText(complaintText);
  const source = useCaseSource();
  const [photo, setPhoto] = useState<string | null>(null);
  const closePhoto = () => {
    if (photo) URL.revokeObjectURL(photo);
    setPhoto(null);
  };
  const row = (label: string, value: string | null) => (
    <div className="flex gap-2">
      <dt className="w-28 shrink-0 text-slate-500">{label}</dt>
      <dd className="whitespace-pre-wrap">{value || '—'}</dd>
    </div>
  );
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1">
      {photo && <PhotoOverlay url={photo} onClose={closePhoto} />}
      {row(t.received, `${when(v.receivedAt)} · ${t.channelName[v.channel]}`)}
      {v.followupTaskId && <FromFollowup taskId={v.followupTaskId} />}
      {row(t.recordedBy, `${v.recordedByName}${v.recordedAt.slice(0, 16) !== v.receivedAt.slice(0, 16) ? t.recordedAtShort(when(v.recordedAt)) : ''}`)}
      {/* The 客服主任 phones the patient: the main process sends the full number to the roles that handle complaints, masked to the rest. */}
      <div className="flex gap-2">
        <dt className="w-28 shrink-0 text-slate-500">{t.patientPhone}</dt>
        <dd className="font-mono" data-testid="patient-phone">{v.patientPhone}</dd>
      </div>
      {row(t.department, v.departmentName)}
      {v.promisedReplyAt && row(t.promisedReply, when(v.promisedReplyAt))}
      <div className="col-span-2">{row(t.what, v.what)}</div>
      <div className="col-span-2">{row(t.wants, v.wants)}</div>
      {row(t.staffInvolved, v.staffInvolved)}
      <div className="flex gap-2">
        <dt className="w-28 shrink-0 text-slate-500">{t.evidence}</dt>
        <dd className="flex flex-wrap gap-2">
          {v.evidence.length === 0 && '—'}
          {v.evidence.map((f) => (
            <button key={f.name} type="button" className="text-teal-800 underline" onClick={() => void openEvidence(v.id, f.name, setPhoto, source)}>
              {f.name}
            </button>
          ))}
        </dd>
      </div>
      {v.category && row(t.category, `${t.categoryName[v.category]}${v.escalationLevel !== 'csDirector' ? ` · ${t.level[v.escalationLevel]}` : ''}`)}
      {v.escalationLevel.startsWith('headOffice') && row(t.escalation, t.toHeadOffice)}
    </dl>
  );
}

/** The 11 steps as a bar: done, current, to come. */
function StepBar({ v }: { v: ComplaintView }) {
  const t = useText(complaintText);
  const keys = ['receive', 'accept', 'investigate', 'classify', 'propose', 'approve', 'negotiate', 'paperwork', 'close', 'penalty', 'prevention'] as const;
  return (
    <ol className="grid grid-cols-11 gap-1 text-center text-xs" aria-label={t.stepName[v.currentKey]}>
      {keys.map((k, i) => {
        const n = i + 1;
        // Steps 10 and 11 run side by side after filing: 11 is done once its plan is recorded and every action carried out.
        const done = n < v.current || (n === 11 && v.prevented && v.preventionActions.every((a) => a.doneAt !== null));
        const look = done ? 'bg-teal-700 text-white' : n === v.current ? 'bg-amber-300 text-amber-950 font-bold' : 'bg-slate-100 text-slate-500';
        return (
          <li key={k} className={`rounded px-1 py-1 ${look}`} aria-current={n === v.current ? 'step' : undefined}>
            {n} {t.stepShort.split(',')[i]}
          </li>
        );
      })}
    </ol>
  );
}

/** Step 11's improvement actions, one by one: who carries each out, by when, and who confirmed it done. */
function Actions({ v }: { v: ComplaintView }) {
  const t = useText(complaintText);
  const done = v.preventionActions.filter((a) => a.doneAt !== null).length;
  return (
    <section aria-label={t.actionsTitle}>
      <h3 className="mb-1 font-bold">{t.actionsDone(done, v.preventionActions.length)}</h3>
      <ol className="space-y-1 text-sm" data-testid="prevention-actions">
        {v.preventionActions.map((a, i) => (
          <li key={i} className="flex flex-wrap items-baseline gap-2 rounded bg-white px-2 py-1 ring-1 ring-slate-100">
            <span className="font-medium">
              {i + 1}. {a.what}
            </span>
            <span className="text-slate-600">{a.owner}</span>
            {a.dueDate && <span className="tabular-nums text-slate-500">{t.actionDueOn(a.dueDate)}</span>}
            <span className={`rounded px-1.5 ${statusTone[a.status === 'open' ? 'open' : a.status]}`}>{t.actionStatus[a.status]}</span>
            {a.doneAt && (
              <span className="text-slate-600">
                {t.actionDoneBy(a.doneByName ?? '', when(a.doneAt), a.result ?? '')}
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Deadlines({ v }: { v: ComplaintView }) {
  const t = useText(complaintText);
  const now = useNow(30_000);
  // A holiday can push a working-day step past the 7/14-day close: the case says so.
  const close = v.deadlines.find((d) => d.key === 'close' && d.doneAt === null);
  const pushed = close ? v.deadlines.filter((d) => d.rule.endsWith('wd') && d.doneAt === null && d.status !== 'superseded' && d.dueAt > close.dueAt) : [];
  return (
    <section aria-label={t.deadlines}>
      <h3 className="mb-1 font-bold">{t.deadlines}</h3>
      {pushed.map((d) => (
        <p key={d.key} className="mb-1 rounded bg-amber-100 px-2 py-1 text-sm text-amber-950" data-testid="close-before-step">
          {t.closeBeforeStep(t.deadlineName[d.key] ?? d.key, dueWhen(d.dueAt), dueWhen(close!.dueAt))}
        </p>
      ))}
      <table className="w-full text-sm" data-testid="deadlines">
        <tbody>
          {v.deadlines.map((d) => {
            const left = timeLeft(d.dueAt, now);
            return (
              <tr key={d.key} className="border-b border-slate-100">
                <td className="py-1">{t.deadlineName[d.key] ?? d.key}</td>
                <td className="py-1 text-slate-500" data-testid={`rule-${d.key}`}>
                  {t.ruleText(d.rule)} · <span className={d.source === 'clinic' ? 'font-medium text-violet-800' : ''}>{d.source === 'clinic' ? t.clinicRule : t.groupRule}</span>
                </td>
                <td className="py-1 tabular-nums text-slate-600">
                  {t.due} {dueWhen(d.dueAt)}
                </td>
                <td className="py-1 text-right">
                  <span className={`rounded px-1.5 ${statusTone[d.status]}`}>
                    {d.doneAt || d.status === 'superseded' ? t.status[d.status] : leftText(t, left)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** "剩 5 小时 3 分", or in days past two days. */
export function leftText(t: (typeof complaintText)['zh-CN'], left: { late: boolean; h: number; m: number }): string {
  if (left.h >= 48) return left.late ? t.lateDays(Math.floor(left.h / 24), left.h % 24) : t.leftDays(Math.floor(left.h / 24), left.h % 24);
  return left.late ? t.late(left.h, left.m) : t.left(left.h, left.m);
}

function History({ v }: { v: ComplaintView }) {
  const t = useText(complaintText);
  const source = useCaseSource();
  const c = useText(commonText);
  const [photo, setPhoto] = useState<string | null>(null);
  return (
    <section aria-label={t.history}>
      {photo && (
        <PhotoOverlay
          url={photo}
          onClose={() => {
            URL.revokeObjectURL(photo);
            setPhoto(null);
          }}
        />
      )}
      <h3 className="mb-1 font-bold">{t.history}</h3>
      <ol className="space-y-1 text-sm" data-testid="history">
        {v.events.map((e) => (
          <li key={e.id} className={`rounded px-2 py-1 ${e.ignored ? 'bg-slate-100 text-slate-400 line-through' : 'bg-white ring-1 ring-slate-100'}`}>
            <span className="font-medium">{t.eventName[e.kind]}</span> · {when(e.at)} · {t.by} {e.byName}
            {/* （导医） beside the Chinese role, “ (Guide)” in English (issue 19). */}
            {aside(c.role[e.byRole as keyof typeof c.role] ?? e.byRole)}
            {summary(e.data, t) && <span className="ml-2 text-slate-600">{summary(e.data, t)}</span>}
            {e.attachments.map((f) => (
              <button key={f.name} type="button" className="ml-2 text-teal-800 underline" onClick={() => void openEvidence(e.id, f.name, setPhoto, source)}>
                {f.name}
              </button>
            ))}
            {e.ignored && <span className="ml-2">{t.ignored}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
