import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useSubmit } from '../ui/useSubmit';
import { useLocale, useText } from '../i18n/i18n';
import { commonText, labelled, aside } from '../i18n/common';
import { kindRoles, measures, passCorrectionRoles, type Measure } from '../../shared/inspection/rules';
import type { InspectionView, PenaltyLine } from '../../shared/inspection/schemas';
import { clinicDate, clinicTime } from '../../shared/time';
import { adminRoles } from '../../shared/reference/schemas';
import { useShell } from '../shell/store';
import { Banner, Button, Field, Panel, Select, TextInput } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { inspectionText } from './i18n';
import { PenaltySlip } from './PenaltySlip';
import { useConfirm } from '../ui/ConfirmDialog';
import { useInspectionUi } from './store';

/** A signed inspection: read-only results, the ladder's proposals to decide, slips to print. */
export function Review({ view }: { view: InspectionView }) {
  const t = useText(inspectionText);
  const operator = useShell((s) => s.status?.operator);
  const open = useInspectionUi((s) => s.open);
  const [slipFor, setSlipFor] = useState<string | null>(null);
  const canDecide = !!operator && adminRoles.includes(operator.role);
  // A correction: adding a failure by whoever runs this kind, taking one away by a lead (passCorrectionRoles); never one's own.
  const mayCorrect = !!operator && (kindRoles[view.kind].includes(operator.role) || passCorrectionRoles.includes(operator.role));
  const failing = [...new Set(view.penalties.map((p) => p.staffId))];

  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel
        className="col-span-2"
        title={`${t.kind[view.kind]} · ${view.date}`}
        actions={
          <Button variant="ghost" onClick={() => open(null)}>
            {t.back}
          </Button>
        }
      >
        <Banner tone="info">
          {t.readOnly} {t.signedBy(view.signedByName ?? '', `${clinicDate(view.signedAt!)} ${clinicTime(view.signedAt!)}`)}
        </Banner>
        <p className="mt-2 text-sm text-slate-500">
          {view.templateName} · {t.version(view.templateVersion)} · {t.progress(view.results.length, view.results.length)}
        </p>
        <h3 className="mt-3 font-bold">{t.results}</h3>
        <ul className="mt-1 space-y-1" aria-label={t.results}>
          {view.results.map((r) => {
            // A correction shows in place of the signed mark (the record itself stays as signed).
            const corrected = (itemId: string) => [...view.corrections].reverse().find((x) => x.staffId === r.staffId && x.itemId === itemId)?.mark;
            const fails = r.marks.filter((m) => (corrected(m.itemId) ?? m.mark) === 'fail');
            return (
              <li key={r.id} className="rounded-lg px-3 py-2 ring-1 ring-slate-200">
                <div className="flex items-center gap-2">
                  <span className="font-medium">{r.staffName}</span>
                  <span className={`text-sm font-bold ${fails.length ? 'text-rose-700' : 'text-emerald-700'}`}>{fails.length ? t.failCount(fails.length) : '✓'}</span>
                  {r.photos.length > 0 && <span className="text-sm text-slate-500">{t.photos(r.photos.length)}</span>}
                  {fails.length > 0 && (
                    <Button variant="secondary" className="ml-auto px-3 py-1 text-sm" onClick={() => setSlipFor(r.staffId)}>
                      {t.slip}
                    </Button>
                  )}
                </div>
                {fails.length > 0 && <p className="text-sm text-slate-600">{fails.map((m) => m.label + (m.note ? `(${m.note})` : '')).join(';')}</p>}
              </li>
            );
          })}
        </ul>
        {view.results.some((r) => r.photos.length) && (
          <div className="mt-3 flex flex-wrap gap-2">
            {view.results.flatMap((r) => r.photos.map((p) => <Thumb key={p.name} inspectionId={view.id} staffId={r.staffId} name={p.name} label={`${r.staffName} · ${view.items.find((i) => i.id === p.itemId)?.label ?? t.photoWhole}`} />))}
          </div>
        )}
        {mayCorrect && operator && <CorrectionForm view={view} operatorId={operator.id} mayPass={passCorrectionRoles.includes(operator.role)} mayFail={kindRoles[view.kind].includes(operator.role)} />}
        {view.corrections.length > 0 && (
          <>
            <h3 className="mt-3 font-bold">{t.corrections}</h3>
            <ul className="text-sm">
              {view.corrections.map((x, i) => (
                <li key={i}>
                  {view.staff.find((s) => s.id === x.staffId)?.name} · {view.items.find((it) => it.id === x.itemId)?.label} → {t[x.mark]} · {x.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </Panel>
      <Panel className="col-span-3" title={t.failures}>
        {view.penalties.length === 0 && <p className="text-slate-500">{t.noFailures}</p>}
        <ul className="space-y-3">
          {failing.map((staffId) =>
            view.penalties
              .filter((p) => p.staffId === staffId)
              .map((p) => <PenaltyRow key={`${p.staffId}-${p.itemId}`} view={view} line={p} canDecide={canDecide && p.staffId !== operator?.id} />),
          )}
        </ul>
      </Panel>
      {slipFor && <PenaltySlip view={view} staffId={slipFor} onClose={() => setSlipFor(null)} />}
    </div>
  );
}

/** A photo from the record (the CSP allows data: images). */
function Thumb({ inspectionId, staffId, name, label }: { inspectionId: string; staffId: string; name: string; label: string }) {
  const photo = useQuery('inspection.photo', { inspectionId, staffId, name });
  if (!photo.data) return null;
  return (
    <figure className="w-36">
      <img src={`data:${photo.data.contentType};base64,${photo.data.data}`} alt={label} className="h-24 w-36 rounded object-cover ring-1 ring-slate-300" />
      <figcaption className="truncate text-xs text-slate-500">{label}</figcaption>
    </figure>
  );
}

/** A correction of a signed record: a new event, the record itself stays as signed. */
function CorrectionForm({ view, operatorId, mayPass, mayFail }: { view: InspectionView; operatorId: string; mayPass: boolean; mayFail: boolean }) {
  const t = useText(inspectionText);
  const others = view.results.filter((r) => r.staffId !== operatorId);
  const [staffId, setStaffId] = useState(others[0]?.staffId ?? '');
  const result = others.find((r) => r.staffId === staffId);
  const [itemId, setItemId] = useState('');
  // Only the marks this person may set: a 检查员 adds failures, a lead also takes them away.
  const markChoices = (['pass', 'fail', 'na'] as const).filter((m) => (m === 'fail' ? mayFail || mayPass : mayPass));
  const [chosenMark, setMark] = useState<'pass' | 'fail' | 'na'>(markChoices[0] ?? 'fail');
  const mark = markChoices.includes(chosenMark) ? chosenMark : (markChoices[0] ?? 'fail');
  const [reason, setReason] = useState('');
  const { errors, general, send } = useSubmit();
  const chosenItem = result?.marks.some((m) => m.itemId === itemId) ? itemId : (result?.marks[0]?.itemId ?? '');
  return (
    <details className="mt-3 rounded-lg p-2 ring-1 ring-slate-200">
      <summary className="cursor-pointer font-medium">{t.correct}</summary>
      <form
        className="mt-2 grid grid-cols-2 gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void send(async () => {
            await api['inspection.correct']({ inspectionId: view.id, staffId, itemId: chosenItem, mark, reason });
            setReason('');
          });
        }}
      >
        {general && (
          <div className="col-span-2">
            <Banner tone="error">{general}</Banner>
          </div>
        )}
        <Field label={t.slipName}>
          {(id) => (
            <Select id={id} value={staffId} onChange={(e) => setStaffId(e.target.value)}>
              {others.map((r) => (
                <option key={r.staffId} value={r.staffId}>
                  {r.staffName}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t.correctItem} error={errors.itemId}>
          {(id) => (
            <Select id={id} value={chosenItem} onChange={(e) => setItemId(e.target.value)}>
              {result?.marks.map((m) => (
                <option key={m.itemId} value={m.itemId}>
                  {m.label}{aside(t[m.mark], m.label)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t.correctMark}>
          {(id) => (
            <Select id={id} value={mark} onChange={(e) => setMark(e.target.value as 'pass' | 'fail' | 'na')}>
              {markChoices.map((m) => (
                <option key={m} value={m}>
                  {t[m]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t.correctReason} required error={errors.reason}>
          {(id) => <TextInput id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <Button type="submit" variant="secondary" className="col-span-2">
          {t.correct}
        </Button>
      </form>
    </details>
  );
}

function PenaltyRow({ view, line, canDecide }: { view: InspectionView; line: PenaltyLine; canDecide: boolean }) {
  const t = useText(inspectionText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const p = line.proposed;
  const [measure, setMeasure] = useState<Measure>(p.measure);
  const [amount, setAmount] = useState(String(p.amount));
  const [sup, setSup] = useState(String(p.supervisorAmount));
  const [head, setHead] = useState(String(p.deptHeadAmount));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const d = line.decided;
  // A decision is written once: asked before it is made (issue 21).
  const ask = useConfirm();

  // A lead corrects a decided penalty (issue 21): the same form, a reason required, asked once.
  const [correcting, setCorrecting] = useState(false);
  const confirm = async () => {
    const amounts = ` · ${t.yuan(Number(amount))}${Number(sup) > 0 || Number(head) > 0 ? ` · ${t.supervisorAmount} ${t.yuan(Number(sup))} · ${t.deptHeadAmount} ${t.yuan(Number(head))}` : ''}`;
    if (correcting && !reason.trim()) return setErrors({ reason: c.required });
    const question = correcting
      ? { title: t.correctPenaltyAsk(line.staffName, line.itemLabel), body: t.correctPenaltyTells(t.measure[measure], amounts), confirmLabel: t.confirmCorrectPenalty, cancelLabel: t.decideBack, danger: true }
      : { title: t.decideAsk(line.staffName, line.itemLabel), body: t.decideTells(t.measure[measure], amounts), confirmLabel: t.confirm, cancelLabel: t.decideBack, danger: true };
    if (!(await ask.ask(question))) return;
    try {
      const decision = { inspectionId: view.id, staffId: line.staffId, itemId: line.itemId, measure, amount: Number(amount), supervisorAmount: Number(sup), deptHeadAmount: Number(head), reason };
      await (correcting ? api['inspection.correctPenalty'](decision) : api['inspection.decidePenalty'](decision));
      setCorrecting(false);
      setReason('');
      setErrors({});
      setGeneral(null);
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setErrors(r.fields);
      setGeneral(r.general);
    }
  };

  return (
    <li className="rounded-lg p-3 ring-1 ring-slate-200" data-testid="penalty" aria-label={`${line.staffName} ${line.itemLabel}`}>
      <div className="flex flex-wrap items-baseline gap-2">
        <span className="text-lg font-bold">{line.staffName}</span>
        <span>{line.itemLabel}</span>
        <span className="rounded bg-rose-100 px-2 text-sm font-bold text-rose-900">{t.occurrence(line.occurrence)}</span>
      </div>
      <p className="text-sm text-slate-700">
        {labelled(t.proposed, t.measure[p.measure])}
        {p.amount > 0 && ` · ${t.yuan(p.amount)}${p.amountMax > p.amount ? aside(t.range(p.amount, p.amountMax)) : ''}`}
        {p.supervisorAmount > 0 && ` · ${t.supervisorAmount} ${t.yuan(p.supervisorAmount)} · ${t.deptHeadAmount} ${t.yuan(p.deptHeadAmount)}`}
      </p>
      {d && (
        <p className={`mt-1 font-medium ${line.corrections.length ? 'text-slate-500 line-through decoration-slate-400' : 'text-teal-900'}`} data-testid="decided">
          {labelled(t.decided, t.measure[d.measure])} · {t.yuan(d.amount)}
          {(d.supervisorAmount > 0 || d.deptHeadAmount > 0) && ` · ${t.yuan(d.supervisorAmount)} / ${t.yuan(d.deptHeadAmount)}`} · {d.byName}
          {d.reason && ` · ${d.reason}`}
        </p>
      )}
      {line.corrections.map((x, n) => (
        <p key={x.at + n} className={`mt-1 font-medium ${n === line.corrections.length - 1 ? 'text-teal-900' : 'text-slate-500 line-through decoration-slate-400'}`} data-testid="penalty-correction">
          {labelled(t.correctedPenalty, t.measure[x.measure])} · {t.yuan(x.amount)}
          {(x.supervisorAmount > 0 || x.deptHeadAmount > 0) && ` · ${t.yuan(x.supervisorAmount)} / ${t.yuan(x.deptHeadAmount)}`} · {x.byName} · {clinicTime(x.at)} · {x.reason}
        </p>
      ))}
      {d && canDecide && !correcting && (
        <Button variant="secondary" className="mt-2" onClick={() => setCorrecting(true)}>
          {t.correctPenalty}
        </Button>
      )}
      {(!d || correcting) && (
        canDecide && (
          <form
            className="mt-2 grid grid-cols-4 items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            {general && (
              <div className="col-span-4">
                <Banner tone="error">{general}</Banner>
              </div>
            )}
            <Field label={t.slipMeasure} className="col-span-4">
              {(id) => (
                <Select id={id} value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
                  {measures.map((m) => (
                    <option key={m} value={m}>
                      {t.measure[m]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t.amount} error={errors.amount}>
              {(id) =>
                // Where the rule names the amounts (自查 2nd step: ¥50 or ¥100), only those are offered.
                p.amounts && measure === p.measure ? (
                  <Select id={id} value={amount} onChange={(e) => setAmount(e.target.value)}>
                    {p.amounts.map((a) => (
                      <option key={a} value={String(a)}>
                        {t.yuan(a)}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <TextInput id={id} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value.replace(/\D/g, ''))} />
                )
              }
            </Field>
            <Field label={t.supervisorAmount} error={errors.supervisorAmount}>
              {(id) => <TextInput id={id} inputMode="numeric" value={sup} onChange={(e) => setSup(e.target.value.replace(/\D/g, ''))} />}
            </Field>
            <Field label={t.deptHeadAmount} error={errors.deptHeadAmount}>
              {(id) => <TextInput id={id} inputMode="numeric" value={head} onChange={(e) => setHead(e.target.value.replace(/\D/g, ''))} />}
            </Field>
            <Button type="submit">{correcting ? t.confirmCorrectPenalty : t.confirm}</Button>
            <Field label={correcting ? t.correctPenaltyReason : t.reason} required={correcting} error={errors.reason} className="col-span-4">
              {(id) => <TextInput id={id} value={reason} autoFocus={correcting} onChange={(e) => (setReason(e.target.value), setErrors((x) => ({ ...x, reason: '' })))} />}
            </Field>
          </form>
        )
      )}
      {ask.dialog}
    </li>
  );
}
