import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { penaltyFines, penaltyLevels, serviceTypes, subcategories, type Category, type EventKind, type PenaltyLevel } from '../../shared/complaints/rules';
import { MAX_PREVENTION_ACTIONS, paymentWays, satisfactions, stepInput, type EvidenceFile, type StepInput } from '../../shared/complaints/schemas';
import { toEvidence } from './evidence';
import { Banner, Button, Choice, Field, Select, TextArea, TextInput } from '../ui/ui';
import { FileButton } from '../ui/FileButton';
import { checkWith } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { complaintText } from './i18n';
import { useCaseSource } from './source';
import { DateField } from '../ui/DateField';

type Values = Record<string, string>;
type Person = { staffId: string; name: string; level: PenaltyLevel };
type Action = { what: string; owner: string; dueDate: string };

const yes = (v: string | undefined) => v === 'yes';

/** The form's text values as the contract's step input (numbers parsed, yes/no as booleans). */
function toStep(kind: EventKind, v: Values, persons: Person[], actions: Action[], amount: number): unknown {
  const note = v.note ?? '';
  switch (kind) {
    case 'accept':
      return { kind, note };
    case 'investigate':
      return { kind, staffTalkedTo: v.staffTalkedTo ?? '', patientDemands: v.patientDemands ?? '', findings: v.findings ?? '', note };
    case 'classify':
      return { kind, category: v.category, subcategory: v.subcategory, serviceType: v.subcategory === 'service' ? (v.serviceType ?? null) : null, responsible: v.responsible ?? '', cause: v.cause ?? '', note };
    case 'propose':
      return { kind, solution: v.solution ?? '', refund: Number(v.refund || 0), compensation: Number(v.compensation || 0), note };
    case 'approve':
      return { kind, approved: v.approved === undefined ? undefined : yes(v.approved), note };
    case 'negotiate':
      return { kind, agreed: v.agreed === undefined ? undefined : yes(v.agreed), note };
    case 'escalate':
      return { kind, reason: v.reason ?? '' };
    case 'paperwork':
      // No money in the plan: nothing to pay and no OA (the form does not ask).
      return { kind, payment: amount > 0 ? v.payment : 'none', oaStarted: amount > 0 && yes(v.oaStarted), crmNoted: yes(v.crmNoted), medicalRecordNoted: yes(v.medicalRecordNoted), notedBy: v.notedBy ?? '', note };
    case 'close':
      return { kind, patientConfirmed: yes(v.patientConfirmed), handedToLegal: yes(v.handedToLegal), satisfaction: v.satisfaction || null, note };
    case 'file':
      return { kind, copiesSent: yes(v.copiesSent), note };
    case 'penalty':
      return { kind, persons: persons.map((p) => ({ staffId: p.staffId || null, name: p.name, level: p.level })), note };
    case 'prevention':
      return { kind, plan: v.plan ?? '', actions: actions.map((a) => ({ what: a.what, owner: a.owner, dueDate: a.dueDate || null })) };
    case 'actionDone':
      return { kind, index: v.index === undefined || v.index === '' ? undefined : Number(v.index), result: v.result ?? '' };
    case 'note':
      return { kind, text: v.text ?? '' };
    case 'notify':
      return { kind, toWhom: v.toWhom ?? '', note };
    case 'deanAgree':
      return { kind, approved: v.approved === undefined ? undefined : yes(v.approved), note };
    case 'penaltySlip':
      return { kind, note };
    case 'penaltyApprove':
      return { kind, approved: v.approved === undefined ? undefined : yes(v.approved), note };
  }
}

/** Records one step of a case: the fields that step needs, checked with the contract's schema. */
export function StepForm({
  caseId,
  kind,
  onDone,
  focusFirst = false,
  openActions = [],
  amount = 0,
}: {
  caseId: string;
  kind: EventKind;
  /** The money of the plan in force (refund + compensation): step 8 asks how it is paid. */
  amount?: number;
  onDone(): void;
  focusFirst?: boolean;
  /** Step 11's actions not yet done (their index in the plan), for 措施完成. */
  openActions?: { index: number; what: string; owner: string }[];
}) {
  const t = useText(complaintText);
  const locale = useLocale((s) => s.locale);
  const [v, setV] = useState<Values>({});
  const [persons, setPersons] = useState<Person[]>([]);
  const [actions, setActions] = useState<Action[]>([]);
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const submit = useSubmit();
  const source = useCaseSource();
  // The people a penalty names are the case's clinic's: at head office, that clinic's roster.
  const staff = useQuery((source === 'headOffice' ? 'headoffice.staff' : 'staff.list') as 'staff.list', (source === 'headOffice' ? { clinic: caseId.split(':')[1] ?? '', includeInactive: false } : {}) as Record<string, never>);
  const set = (patch: Values) => setV((prev) => ({ ...prev, ...patch }));
  const formRef = useRef<HTMLFormElement>(null);
  // After a step is recorded the next step's form replaces this one: focus stays in the work.
  useEffect(() => {
    if (focusFirst) formRef.current?.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
  }, [focusFirst]);
  const e = submit.errors;
  const err = (k: string) => e[`step.${k}`] ?? e[k];

  const send = async () => {
    const checked = checkWith(stepInput, toStep(kind, v, persons, actions, amount), locale, 'step');
    if (!checked.ok) {
      submit.setErrors(checked.errors);
      return;
    }
    await submit.send(async () => {
      const input = { id: caseId, step: checked.data as StepInput, attachments: files };
      await (source === 'headOffice' ? api['headoffice.complaintStep'](input) : api['complaint.step'](input));
      setV({});
      setPersons([]);
      setActions([]);
      setFiles([]);
      onDone();
    });
  };

  const text = (k: string, label: string, required = false, rows = 2) => (
    <Field label={label} required={required} error={err(k)}>
      {(id, by) => <TextArea id={id} aria-describedby={by} rows={rows} value={v[k] ?? ''} invalid={!!err(k)} onChange={(ev) => set({ [k]: ev.target.value })} />}
    </Field>
  );
  const check = (k: string, label: string) => (
    <div>
      <label className="flex items-center gap-2">
        <input type="checkbox" className="h-5 w-5" checked={yes(v[k])} aria-invalid={!!err(k)} onChange={(ev) => set({ [k]: ev.target.checked ? 'yes' : 'no' })} />
        {label}
      </label>
      {err(k) && (k === 'crmNoted' || k === 'medicalRecordNoted' || k === 'oaStarted') && (
        <p role="alert" className="text-sm text-rose-700">
          {err(k)}
        </p>
      )}
    </div>
  );
  const choice = (k: string, label: string, options: { value: string; label: string }[]) => (
    <div>
      <span className="text-sm font-medium text-slate-700">{label}</span>
      <Choice name={`${caseId}-${k}`} label={label} value={v[k] ?? null} options={options} onChange={(x) => set({ [k]: x })} />
      {err(k) && <p role="alert" className="text-sm text-rose-700">{err(k)}</p>}
    </div>
  );
  const shown = new Set(['note', 'staffTalkedTo', 'patientDemands', 'findings', 'category', 'subcategory', 'serviceType', 'responsible', 'cause', 'solution', 'refund', 'compensation', 'approved', 'agreed', 'reason', 'payment', 'oaStarted', 'crmNoted', 'medicalRecordNoted', 'notedBy', 'patientConfirmed', 'satisfaction', 'plan', 'text', 'toWhom', 'index', 'result']);
  const others = Object.entries(e).filter(([k]) => !shown.has(k.replace(/^step\./, '')) && !/^(step\.)?actions\./.test(k));

  return (
    <form
      ref={formRef}
      className="space-y-3"
      aria-label={t.eventName[kind]}
      onSubmit={(ev) => {
        ev.preventDefault();
        void send();
      }}
    >
      {submit.general && <Banner tone="error">{submit.general}</Banner>}
      {others.length > 0 && <Banner tone="error">{others.map(([, m]) => m).join(';')}</Banner>}
      {kind === 'investigate' && (
        <>
          {text('staffTalkedTo', t.staffTalkedTo, true)}
          {text('patientDemands', t.patientDemands, true)}
          {text('findings', t.findings)}
        </>
      )}
      {kind === 'classify' && (
        <>
          {choice('category', t.category, [
            { value: 'quality', label: t.categoryName.quality! },
            { value: 'nonQuality', label: t.categoryName.nonQuality! },
          ])}
          {v.category &&
            choice(
              'subcategory',
              t.subcategory,
              subcategories[v.category as Category].map((s) => ({ value: s, label: t.subcategoryName[s]! })),
            )}
          {v.subcategory === 'service' &&
            choice(
              'serviceType',
              t.serviceType,
              serviceTypes.map((s) => ({ value: s, label: t.serviceTypeName[s]! })),
            )}
          <div className="grid grid-cols-2 gap-3">
            <Field label={t.responsible} error={err('responsible')}>
              {(id, by) => <TextInput id={id} aria-describedby={by} value={v.responsible ?? ''} onChange={(ev) => set({ responsible: ev.target.value })} />}
            </Field>
            {text('cause', t.cause, false, 1)}
          </div>
        </>
      )}
      {kind === 'propose' && (
        <>
          {text('solution', t.solution, true, 3)}
          <div className="grid grid-cols-2 gap-3">
            <Field label={t.refund} error={err('refund')}>
              {(id, by) => <TextInput id={id} aria-describedby={by} inputMode="decimal" value={v.refund ?? ''} onChange={(ev) => set({ refund: ev.target.value })} />}
            </Field>
            <Field label={t.compensation} error={err('compensation')}>
              {(id, by) => <TextInput id={id} aria-describedby={by} inputMode="decimal" value={v.compensation ?? ''} onChange={(ev) => set({ compensation: ev.target.value })} />}
            </Field>
          </div>
        </>
      )}
      {kind === 'approve' &&
        choice('approved', t.approved, [
          { value: 'yes', label: t.approve },
          { value: 'no', label: t.reject },
        ])}
      {kind === 'deanAgree' &&
        choice('approved', t.deanAgrees, [
          { value: 'yes', label: t.agreeYes },
          { value: 'no', label: t.agreeNo },
        ])}
      {kind === 'penaltyApprove' &&
        choice('approved', t.approved, [
          { value: 'yes', label: t.penaltyApproved },
          { value: 'no', label: t.agreeNo },
        ])}
      {kind === 'negotiate' &&
        choice('agreed', t.agreed, [
          { value: 'yes', label: t.agree },
          { value: 'no', label: t.disagree },
        ])}
      {kind === 'escalate' && text('reason', t.reason, true)}
      {kind === 'paperwork' && (
        <>
          {amount > 0 ? (
            <>
              <p className="text-sm text-slate-700" data-testid="paperwork-money">
                {t.paperworkMoney(amount)}
              </p>
              {choice(
                'payment',
                t.payment,
                paymentWays.filter((p) => p !== 'none').map((p) => ({ value: p, label: t.paymentName[p]! })),
              )}
              {check('oaStarted', t.oaStarted)}
            </>
          ) : (
            <p className="text-sm text-slate-700" data-testid="paperwork-money">
              {t.paperworkNoMoney}
            </p>
          )}
          {check('crmNoted', t.crmNoted)}
          {check('medicalRecordNoted', t.medicalRecordNoted)}
          <Field label={t.notedBy} required error={err('notedBy')}>
            {(id, by) => <TextInput id={id} aria-describedby={by} value={v.notedBy ?? ''} invalid={!!err('notedBy')} onChange={(ev) => set({ notedBy: ev.target.value })} />}
          </Field>
        </>
      )}
      {kind === 'close' && (
        <>
          {check('patientConfirmed', t.patientConfirmed)}
          {check('handedToLegal', t.handedToLegal)}
          {err('patientConfirmed') && <p role="alert" className="text-sm text-rose-700">{t.needConfirmation}</p>}
          {choice(
            'satisfaction',
            t.satisfaction,
            satisfactions.map((s) => ({ value: s, label: t.satisfactionName[s]! })),
          )}
        </>
      )}
      {kind === 'file' && check('copiesSent', t.copiesSent)}
      {kind === 'penalty' && (
        <>
          <div className="space-y-2">
            <span className="text-sm font-medium text-slate-700">{t.persons}</span>
            {persons.map((p, i) => {
              const f = penaltyFines[p.level];
              const update = (patch: Partial<Person>) => setPersons((prev) => prev.map((x, j) => (j === i ? { ...x, ...patch } : x)));
              return (
                <div key={i} className="grid grid-cols-3 items-center gap-2">
                  <Select
                    aria-label={t.person}
                    value={p.staffId}
                    onChange={(ev) => update({ staffId: ev.target.value, name: staff.data?.find((s) => s.id === ev.target.value)?.name ?? p.name })}
                  >
                    <option value="">—</option>
                    {staff.data?.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </Select>
                  <Select aria-label={t.penaltyLevel} value={p.level} onChange={(ev) => update({ level: ev.target.value as PenaltyLevel })}>
                    {penaltyLevels.map((l) => (
                      <option key={l} value={l}>
                        {t.levelName[l]}
                      </option>
                    ))}
                  </Select>
                  <span className="text-sm text-slate-600" data-testid="fines">{t.fines(f.person, f.supervisor, f.leadership)}</span>
                </div>
              );
            })}
            <Button variant="secondary" onClick={() => setPersons((prev) => [...prev, { staffId: '', name: '', level: 'I' }])}>
              {t.addPerson}
            </Button>
          </div>
        </>
      )}
      {kind === 'prevention' && (
        <>
          {text('plan', t.plan, true, 3)}
          <fieldset className="space-y-2" aria-label={t.actionsTitle}>
            <legend className="text-sm font-medium text-slate-700">{t.actionsTitle}</legend>
            {actions.map((a, i) => {
              const update = (patch: Partial<Action>) => setActions((prev) => prev.map((x, j) => (j === i ? { ...x, ...patch } : x)));
              const fe = (k: string) => err(`actions.${i}.${k}`);
              return (
                <div key={i} className="grid grid-cols-[1fr_10rem_12.5rem_auto] items-start gap-2" data-testid="action-row">
                  <Field label={t.actionWhat(i + 1)} required error={fe('what')}>
                    {(id, by) => <TextInput id={id} aria-describedby={by} value={a.what} invalid={!!fe('what')} onChange={(ev) => update({ what: ev.target.value })} />}
                  </Field>
                  <Field label={t.actionOwner} required error={fe('owner')}>
                    {(id, by) => <TextInput id={id} aria-describedby={by} value={a.owner} invalid={!!fe('owner')} onChange={(ev) => update({ owner: ev.target.value })} />}
                  </Field>
                  <Field label={t.actionDue} error={fe('dueDate')}>
                    {(id, by) => <DateField id={id} aria-describedby={by} value={a.dueDate} onChange={(ev) => update({ dueDate: ev.target.value })} />}
                  </Field>
                  <Button variant="ghost" className="mt-6 whitespace-nowrap" onClick={() => setActions((prev) => prev.filter((_, j) => j !== i))}>
                    {t.actionRemove}
                  </Button>
                </div>
              );
            })}
            {actions.length < MAX_PREVENTION_ACTIONS && (
              <Button variant="secondary" onClick={() => setActions((prev) => [...prev, { what: '', owner: '', dueDate: '' }])}>
                {t.actionAdd}
              </Button>
            )}
          </fieldset>
        </>
      )}
      {kind === 'actionDone' && (
        <>
          <Field label={t.actionWhich} required error={err('index')}>
            {(id, by) => (
              <Select id={id} aria-describedby={by} value={v.index ?? ''} onChange={(ev) => set({ index: ev.target.value })}>
                <option value="">—</option>
                {openActions.map((a) => (
                  <option key={a.index} value={String(a.index)}>
                    {t.actionLine(a.index + 1, a.what, a.owner)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {text('result', t.actionResult, true, 2)}
        </>
      )}
      {kind === 'note' && text('text', t.noteText, true)}
      {kind === 'notify' && text('toWhom', t.notifyToWhom, true, 1)}
      {!['escalate', 'prevention', 'note', 'actionDone'].includes(kind) && text('note', t.note)}
      <Field label={t.attachments} error={fileError ?? Object.entries(e).find(([k]) => k.startsWith('attachments'))?.[1]}>
        {(id, by) => (
          <div className="flex flex-wrap items-center gap-2">
            <FileButton
              id={id}
              aria-describedby={by}
              accept="image/*,application/pdf"
              multiple
              onChange={(ev) => {
                const list = [...(ev.target.files ?? [])];
                void Promise.all(list.map(toEvidence)).then((results) => {
                  const ok = results.filter((r): r is EvidenceFile => typeof r !== 'string');
                  setFileError(results.some((r) => typeof r === 'string') ? t.evidenceHint : null);
                  setFiles((prev) => [...prev, ...ok].slice(0, 4));
                });
              }}
            />
            {files.map((f, i) => (
              <span key={`${f.name}-${i}`} className="rounded bg-slate-100 px-2 py-1 text-sm">
                {f.name}
              </span>
            ))}
          </div>
        )}
      </Field>
      <Button type="submit" disabled={submit.busy}>
        {t.record} · {t.eventName[kind]}
      </Button>
    </form>
  );
}
