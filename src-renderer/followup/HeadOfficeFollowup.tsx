import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { FiguresView, HoFollowupFigure } from '../../shared/followup/schemas';
import type { FollowupPlan, PlanCaller, PlanChannel } from '../../shared/followup/rules';
import { visitOutcomes, type VisitOutcome } from '../../shared/visits/rules';
import { defaultDepartments } from '../../shared/reference/schemas';
import type { Period } from '../../shared/headoffice/schemas';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, buttonLook, Field, Panel, Select, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { Failed, Tile } from '../headoffice/figures';
import { headOfficeText } from '../headoffice/i18n';
import { RecordTable } from '../headoffice/RecordTable';
import type { Drill, DrillOf } from '../headoffice/drill';
import { followupText } from './i18n';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/**
 * Head office's 回访 section of the dashboard (issue 13): per clinic the calls due, reached, success
 * rate, overdue and satisfaction against the 90 % target (seed 001) for the dashboard's own 从/至
 * and clinic (`headoffice.followupFigures`). Every figure opens the tasks it counts in the records
 * panel (`headoffice.followupRecords`); the rates open their base (应回访, 已答卷).
 */
export function FollowupSection({ period, onDrill }: { period: Period; onDrill(d: Drill): void }) {
  const t = useText(followupText);
  const h = useText(headOfficeText);
  const q = useQuery('headoffice.followupFigures', period);
  const r = q.data;
  const rows = r ? (period.clinic ? r.clinics : [...r.clinics, { ...r.total, name: t.reportTotal }]) : [];
  const shown = period.clinic ? rows[0]?.figures : r?.total.figures;
  const target = (f: FiguresView) =>
    f.total.met === null ? '—' : <span className={f.total.met ? 'font-medium text-teal-800' : 'font-medium text-rose-700'}>{f.total.met ? t.met : t.missed}</span>;
  const head = [t.reportClinic, t.reportDue, t.reportReached, t.reportSuccess, t.overdue, t.reportAnswers, t.reportSatisfaction, t.reportTarget];
  /** Opens the tasks of `figure` for one clinic (a code) or for the period's clinic(s). */
  const drill = (figure: HoFollowupFigure, n: number, clinic: string | null = period.clinic, label = clinic ?? h.allClinics) =>
    n > 0 ? () => onDrill({ kind: 'followup', title: `${label} · ${t.hoFigure[figure]}`, period: { ...period, clinic }, figure }) : undefined;
  const answered = (f: FiguresView) => f.total.answers / 4;
  return (
    <>
      <Failed error={q.error} />
      {r && <p className="shrink-0 text-sm text-slate-500">{t.hoRange(r.from, r.to)}</p>}
      {shown && (
        <div className="grid shrink-0 grid-cols-4 gap-3">
          <Tile label={t.reportSatisfaction} value={pct(shown.total.share)} testId="tile-followup-satisfaction" tone={shown.total.met === false ? 'alert' : 'plain'} onOpen={drill('answered', answered(shown))} />
          <Tile label={t.reportSuccess} value={pct(shown.successRate)} testId="tile-followup-success" onOpen={drill('due', shown.due)} />
          <Tile label={t.hoReachedOfDue} value={`${shown.reached} / ${shown.due}`} testId="tile-followup-reached" onOpen={drill('reached', shown.reached)} />
          <Tile label={t.overdue} value={String(shown.overdue)} testId="tile-followup-overdue" tone={shown.overdue ? 'alert' : 'plain'} onOpen={drill('overdue', shown.overdue)} />
        </div>
      )}
      {shown && shown.due === 0 && <Banner tone="info">{h.noData}</Banner>}
      {r && (
        <Panel title={t.hoByClinic} className="shrink-0">
          <table className="w-full text-sm" aria-label={t.hoByClinic} data-testid="ho-followup-clinics">
            <thead>
              <tr className="text-left text-slate-500">
                {head.map((x, i) => (
                  <th key={x} className={`py-1 font-medium whitespace-nowrap ${i > 0 ? 'text-right' : ''}`}>
                    {x}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const total = c.code === r.total.code && !period.clinic;
                const code = total ? null : c.code;
                const label = total ? c.name : `${c.code} · ${c.name}`;
                const f = c.figures;
                const cells: [string | number, (() => void) | undefined][] = [
                  [f.due, drill('due', f.due, code, label)],
                  [f.reached, drill('reached', f.reached, code, label)],
                  [pct(f.successRate), drill('due', f.due, code, label)],
                  [f.overdue, drill('overdue', f.overdue, code, label)],
                  [f.total.answers, drill('answered', answered(f), code, label)],
                  [pct(f.total.share), drill('answered', answered(f), code, label)],
                ];
                return (
                  <tr key={c.code} className="border-t border-slate-100">
                    <td className="py-1">{label}</td>
                    {cells.map(([v, open], i) => (
                      <td key={i} className="py-1 text-right tabular-nums">
                        {open ? (
                          <button type="button" className="rounded px-1 text-teal-800 underline-offset-2 hover:underline focus:ring-2 focus:ring-teal-600 focus:outline-none" onClick={open} data-testid={`followup-${c.code}-${i}`}>
                            {v}
                          </button>
                        ) : (
                          v
                        )}
                      </td>
                    ))}
                    <td className="py-1 text-right">{target(f)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-500">{t.hoNoDrill}</p>
        </Panel>
      )}
    </>
  );
}

const cell = 'py-1 pr-2 align-top';

/** The tasks behind a 回访 figure, in the dashboard's records panel. */
export function FollowupRecords({ drill }: { drill: DrillOf<'followup'> }) {
  const t = useText(followupText);
  const h = useText(headOfficeText);
  const q = useQuery('headoffice.followupRecords', { period: drill.period, figure: drill.figure, group: drill.group ?? null });
  return (
    <RecordTable
      error={q.error}
      count={q.data?.length}
      head={[t.recDue, h.clinic, t.recCustomer, t.recPlan, t.recServed, t.recState]}
      rows={q.data?.map((r) => (
        <tr key={r.id} className={`border-t border-slate-100 ${r.overdue ? 'bg-rose-50' : ''}`} data-testid="followup-record">
          <td className={`${cell} tabular-nums whitespace-nowrap`}>{r.dueDate}</td>
          <td className={cell}>{r.clinic}</td>
          <td className={cell}>{r.customerName}</td>
          <td className={cell}>{t.plan[r.planId]}</td>
          <td className={cell}>
            {[r.departmentName, r.consultantName].filter(Boolean).join(' · ') || '—'}
          </td>
          <td className={cell}>
            {t.taskState[r.state]}
            {r.overdue && <span className="ml-1 rounded bg-rose-100 px-1 text-xs text-rose-800">{t.overdue}</span>}
            {r.satisfied !== null && <span className="block text-xs text-slate-500">{t.recSatisfied(r.satisfied)}{r.feedback ? ` · ${t.feedbackClass[r.feedback]}` : ''}</span>}
          </td>
        </tr>
      ))}
    />
  );
}

type Row = { offsetDays: string; windowDays: string; tries: string; retryHours: string; active: boolean; outcomes: VisitOutcome[]; caller: PlanCaller; channel: PlanChannel; departmentDays: Record<string, string> };
const toRow = (p: FollowupPlan): Row => ({
  offsetDays: String(p.offsetDays),
  windowDays: String(p.windowDays),
  tries: String(p.tries),
  retryHours: String(p.retryHours),
  active: p.active,
  outcomes: p.outcomes,
  caller: p.caller,
  channel: p.channel,
  departmentDays: Object.fromEntries(Object.entries(p.departmentDays).map(([k, v]) => [k, String(v)])),
});
/** A department's own days: blank means the plan's (not sent), anything else goes to the schema, which names the field. */
const deptDays = (d: Record<string, string>) => Object.fromEntries(Object.entries(d).flatMap(([k, v]) => (v.trim() === '' ? [] : [[k, num(v)]])));
/** A number typed in the form; anything else is sent as it is, and the schema names the field. */
const num = (s: string): number | string => (/^-?\d+$/.test(s.trim()) ? Number(s.trim()) : s);

/**
 * 回访方案 on head office's 参考数据: each plan's day on the list, days until overdue, tries and the
 * retry interval, whether it is in use, who calls (诊所 / 总部), and for a plan made by a visit its
 * outcome categories and each department's own day on the list (blank: the plan's); saved whole as
 * a new version (`headoffice.followupPlansSave`, saveVersioned) that every clinic's desks pull. A
 * refusal shows under the field it names (a department's day with the department's name; one that
 * is not a whole number is said before anything is sent). The trigger is the plan's own; 电话 / 短信
 * (the channel) is chosen per plan. A version saved meanwhile is said above the list as soon as it
 * arrives (the edits stay until she chooses), and again when a save is refused as stale; both with
 * 重新载入, which reads the saved version (the edits are dropped).
 */
export function PlansPanel() {
  const t = useText(followupText);
  const current = useQuery('followup.plans', {});
  const [rows, setRows] = useState<Row[] | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  // The version the edits started from: a version that arrives meanwhile (another director's, the
  // read is live) must not become the base of edits made on the older one (else it is overwritten).
  const [base, setBase] = useState<number | null>(null);
  const { errors, setErrors, general, setGeneral, busy, send } = useSubmit();
  const plans = current.data?.plans ?? [];
  const list = rows ?? plans.map(toRow);
  const set = (i: number, patch: Partial<Row>) => {
    setSaved(null);
    if (rows === null) setBase(current.data?.version ?? 0);
    setRows(list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const save = () => {
    // A department's day that is not a whole number: said with the department's name, nothing sent.
    const typed: Record<string, string> = {};
    list.forEach((r, i) => {
      for (const [dept, v] of Object.entries(r.departmentDays)) if (v.trim() !== '' && !/^\d+$/.test(v.trim())) typed[`plans.${i}.departmentDays.${dept}`] = t.plansDeptNotNumber;
    });
    if (Object.keys(typed).length) {
      setGeneral(null);
      setErrors(typed);
      return;
    }
    return send(async () => {
      const edited = plans.map((p, i) => {
        const r = list[i]!;
        return { ...p, offsetDays: num(r.offsetDays), windowDays: num(r.windowDays), tries: num(r.tries), retryHours: num(r.retryHours), active: r.active, outcomes: r.outcomes, caller: r.caller, channel: r.channel, departmentDays: deptDays(r.departmentDays) };
      });
      // Typed as the contract's input; a non-number reaches the schema, which names its field.
      const v = await api['headoffice.followupPlansSave']({ baseVersion: base ?? current.data?.version ?? 0, plans: edited as FollowupPlan[] });
      setSaved(v.version);
      setRows(null);
      setBase(null);
      current.reload();
    });
  };
  /** 重新载入: the version saved meanwhile, the edits dropped. */
  const reload = () => {
    setRows(null);
    setBase(null);
    setErrors({});
    setGeneral(null);
    setSaved(null);
    current.reload();
  };
  const labels = { offsetDays: t.plansOffset, windowDays: t.plansWindow, tries: t.plansTries, retryHours: t.plansRetry };
  const cell = (i: number, k: keyof typeof labels) => (
    <Field label={labels[k]} error={errors[`plans.${i}.${k}`]} className={k === 'tries' ? 'w-24' : 'w-32'}>
      {(id, db) => <TextInput id={id} aria-describedby={db} invalid={Boolean(errors[`plans.${i}.${k}`])} inputMode="numeric" value={list[i]![k]} onChange={(e) => set(i, { [k]: e.target.value })} data-testid={`plan-${plans[i]!.id}-${k}`} />}
    </Field>
  );
  const d = current.data;
  // Edits made on an older version than the one now read: another director saved meanwhile.
  const newer = rows !== null && base !== null && d !== undefined && d.version > base;
  const clinics = useQuery('headoffice.clinics', {});
  // Every department some clinic has, and the shipped ones (what the save accepts).
  const departments = [...new Map([...defaultDepartments, ...(clinics.data ?? []).flatMap((c) => c.departments)].map((x) => [x.id, x.name])).entries()];
  const invalidOf = (key: string) => (errors[key] ? { invalid: true, describedBy: `${key}-error` } : null);
  // A refusal moves the focus to the first field it names (the list is longer than the screen).
  const box = useRef<HTMLDivElement>(null);
  // A stale version: the focus on 重新载入 above the list (the save button is below it).
  const reloadButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (errors.baseVersion) reloadButton.current?.focus();
    else if (Object.keys(errors).length) box.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return (
    <Panel title={t.plansTitle} className="mx-auto h-full max-w-5xl">
      <div ref={box}>
        <p className="mb-3 text-sm text-slate-500">
          {t.plansHint(d?.version ?? 0)}
          {d?.updatedAt ? `${t.plansStamp(`${clinicDate(d.updatedAt)} ${clinicTime(d.updatedAt)}`)}` : ''}
        </p>
        {/* A stale version (baseVersion) names no field on screen: said above the list, with 重新载入. */}
        {errors.baseVersion && (
          <div role="alert" className="flex items-center gap-3 rounded-lg bg-rose-50 px-4 py-2 text-rose-800 ring-1 ring-rose-200" data-testid="plans-stale">
            <span className="flex-1">{errors.baseVersion}</span>
            <button ref={reloadButton} type="button" className={`${buttonLook('secondary')} py-1 text-sm`} onClick={reload}>
              {t.plansReload}
            </button>
          </div>
        )}
        {/* A newer version arrived while she edits (the read is live): said at once and kept in sight while
            she scrolls the list, her edits kept until she chooses 重新载入. */}
        {!errors.baseVersion && newer && d && (
          <div role="status" className="sticky -top-5 z-10 mb-2 flex items-center gap-3 rounded-lg bg-amber-50 shadow-sm px-4 py-2 text-amber-900 ring-1 ring-amber-200" data-testid="plans-newer">
            <span className="flex-1">{t.plansNewer(d.version, d.updatedAt ? `${clinicDate(d.updatedAt)} ${clinicTime(d.updatedAt)}` : '')}</span>
            <button type="button" className={`${buttonLook('secondary')} shrink-0 py-1 text-sm`} onClick={reload}>
              {t.plansReload}
            </button>
          </div>
        )}
        {!errors.baseVersion && (general ?? errors.plans) && <Banner tone="error">{general ?? errors.plans}</Banner>}
        {saved !== null && <Banner tone="success">{t.plansSaved(saved)}</Banner>}
        <ul className="flex flex-col gap-2" aria-label={t.plansTitle}>
          {plans.map((p, i) => (
            <li key={p.id} className="rounded bg-slate-50 p-2" data-testid="plan-row">
              {/* Fields keep their width (a select fits its longest choice, 「Head office」 in English) and wrap rather than shrink. */}
              <div className="flex flex-wrap items-start gap-x-3 gap-y-2 [&>*]:shrink-0">
                <div className="w-44 pt-5">
                  <p className="font-medium">{t.plan[p.id]}</p>
                  <label className="mt-1 flex items-center gap-1 text-sm whitespace-nowrap">
                    <input type="checkbox" checked={list[i]?.active ?? p.active} onChange={(e) => set(i, { active: e.target.checked })} />
                    {t.plansActive}
                  </label>
                </div>
                {cell(i, 'offsetDays')}
                {cell(i, 'windowDays')}
                {cell(i, 'tries')}
                {cell(i, 'retryHours')}
                <Field label={t.plansCallerLabel} error={errors[`plans.${i}.caller`]} className="min-w-24">
                  {(id, db) => (
                    <Select id={id} aria-describedby={db} value={list[i]!.caller} onChange={(e) => set(i, { caller: e.target.value as PlanCaller })} data-testid={`plan-${p.id}-caller`}>
                      {(['clinic', 'headOffice'] as const).map((c) => (
                        <option key={c} value={c}>
                          {t.plansCallerShort[c]}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label={t.plansChannelLabel} error={errors[`plans.${i}.channel`]} className="min-w-20">
                  {(id, db) => (
                    <Select id={id} aria-describedby={db} value={list[i]!.channel} onChange={(e) => set(i, { channel: e.target.value as PlanChannel })} data-testid={`plan-${p.id}-channel`}>
                      {(['call', 'message'] as const).map((c) => (
                        <option key={c} value={c}>
                          {t.plansChannel[c]}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
              {p.trigger === 'visitLeft' && (
                <div className="mt-2 ml-44 flex flex-wrap items-start gap-x-6 gap-y-2 pl-3 text-sm">
                  <fieldset aria-describedby={invalidOf(`plans.${i}.outcomes`)?.describedBy} data-testid={`plan-${p.id}-outcomes`}>
                    <legend className="text-slate-600">{t.plansOutcomes}</legend>
                    <div className="flex gap-3 pt-1">
                      {visitOutcomes.map((o) => (
                        <label key={o} className="flex items-center gap-1 whitespace-nowrap">
                          <input
                            type="checkbox"
                            aria-invalid={Boolean(errors[`plans.${i}.outcomes`])}
                            checked={list[i]!.outcomes.includes(o)}
                            onChange={(e) => set(i, { outcomes: e.target.checked ? visitOutcomes.filter((x) => x === o || list[i]!.outcomes.includes(x)) : list[i]!.outcomes.filter((x) => x !== o) })}
                          />
                          {t.plansOutcome[o]}
                        </label>
                      ))}
                    </div>
                    {errors[`plans.${i}.outcomes`] && (
                      <p id={`plans.${i}.outcomes-error`} className="mt-1 text-rose-700">
                        {errors[`plans.${i}.outcomes`]}
                      </p>
                    )}
                  </fieldset>
                  <fieldset>
                    <legend className="text-slate-600">{t.plansDeptDays}</legend>
                    <div className="flex flex-wrap gap-2 pt-1">
                      {departments.map(([dept, name]) => {
                        const key = `plans.${i}.departmentDays.${dept}`;
                        return (
                          <Field key={dept} label={name} error={errors[key] && t.plansDeptError(name, errors[key])} className="w-24">
                            {(id, db) => (
                              <TextInput
                                id={id}
                                aria-describedby={db}
                                invalid={Boolean(errors[key])}
                                inputMode="numeric"
                                placeholder={list[i]!.offsetDays}
                                value={list[i]!.departmentDays[dept] ?? ''}
                                onChange={(e) => set(i, { departmentDays: { ...list[i]!.departmentDays, [dept]: e.target.value } })}
                                data-testid={`plan-${p.id}-dept-${dept}`}
                              />
                            )}
                          </Field>
                        );
                      })}
                    </div>
                  </fieldset>
                </div>
              )}
            </li>
          ))}
        </ul>
        <div className="mt-3 flex gap-2">
          <Button disabled={busy || !d} onClick={() => void save()}>
            {t.plansSave}
          </Button>
        </div>
      </div>
    </Panel>
  );
}
