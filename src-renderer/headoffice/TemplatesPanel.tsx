import { useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { ruleMessage } from '../i18n/ruleMessages';
import type { HeadOfficeClinic } from '../../shared/headoffice/schemas';
import type { RolloutResult } from '../../shared/headoffice/templates';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, Panel } from '../ui/ui';
import { TeaChecklistEditor } from '../tea/TeaChecklistEditor';
import { TemplateEditor } from '../inspection/SetupView';
import { headOfficeText } from './i18n';
import { ClinicList } from './ClinicList';
import { commonText, labelled } from '../i18n/common';

/** 检查表模板: each clinic's tea and inspection checklists; head office edits one and rolls it out. */
export function TemplatesPanel() {
  const t = useText(headOfficeText);
  return (
    <ClinicList label={t.templatesTab} width="w-48" maxWidth="max-w-6xl">
      {(current, all) => <ClinicTemplatesView key={current.code} clinic={current} clinics={all} />}
    </ClinicList>
  );
}

/** What is being edited, and the version it was opened at (a save made meanwhile in that clinic refuses the edit). */
type Editing = { kind: 'tea'; base: number } | { kind: 'inspection'; key: string; base: number };

function stamp(at: string | null, by: string | null) {
  return at ? `${clinicDate(at)} ${clinicTime(at)} · ${by ?? ''}` : null;
}

function ClinicTemplatesView({ clinic, clinics }: { clinic: HeadOfficeClinic; clinics: HeadOfficeClinic[] }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.templates', { clinic: clinic.code });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [targets, setTargets] = useState<string[]>([clinic.code]);
  const [targetError, setTargetError] = useState(false);
  const [outcome, setOutcome] = useState<{ what: string; results: RolloutResult[] } | null>(null);
  const data = q.data;
  if (!data) return null;

  const editKey = (e: Editing) => (e.kind === 'tea' ? 'tea' : `inspection:${e.key}`);
  // Focus follows the view: into the editor when it opens, back to its 编辑 button, onto the results.
  const open = (e: Editing) => {
    flushSync(() => {
      setOutcome(null);
      setTargets([clinic.code]);
      setTargetError(false);
      setEditing(e);
    });
    document.querySelector<HTMLInputElement>('[data-testid="template-editor"] input')?.focus();
  };
  const close = () => {
    const was = editing;
    flushSync(() => setEditing(null));
    if (was) document.querySelector<HTMLButtonElement>(`[data-edit="${editKey(was)}"]`)?.focus();
  };
  /** The roll-out itself: refused here when no clinic is chosen (the server would refuse it too). */
  const rollOut = async (what: string, call: (targets: string[]) => Promise<{ results: RolloutResult[] }>) => {
    if (!targets.length) {
      setTargetError(true);
      return;
    }
    const { results } = await call(targets);
    flushSync(() => {
      setOutcome({ what, results });
      setEditing(null);
    });
    document.getElementById('rollout-results')?.focus();
  };
  const chooser = <TargetChooser clinic={clinic.code} clinics={clinics} targets={targets} onChange={setTargets} error={targetError} />;
  const back = (
    <Button variant="ghost" onClick={close}>
      {t.backToList}
    </Button>
  );

  if (editing?.kind === 'tea')
    return (
      <Panel title={`${clinic.code} · ${t.teaChecklist} · ${t.editFrom(editing.base)}`} actions={back} className="min-w-0 flex-1 overflow-auto">
        <p className="mb-2 text-sm text-slate-500">{t.templatesOnline}</p>
        <div data-testid="template-editor">
          <TeaChecklistEditor
            initial={data.tea.items}
            requireChange={false}
            saveLabel={t.rollOut}
            onSave={(items) => rollOut(t.teaChecklist, (targets) => api['headoffice.teaTemplateSave']({ from: clinic.code, baseVersion: editing.base, targets, items }))}
          >
            {chooser}
          </TeaChecklistEditor>
        </div>
      </Panel>
    );

  const checklist = editing?.kind === 'inspection' ? data.inspection.find((x) => x.key === editing.key) : undefined;
  if (editing?.kind === 'inspection' && checklist)
    return (
      <Panel title={`${clinic.code} · ${checklist.name} · ${t.editFrom(editing.base)}`} actions={back} className="min-w-0 flex-1 overflow-auto">
        <p className="mb-2 text-sm text-slate-500">{t.templatesOnline}</p>
        <div data-testid="template-editor">
          <TemplateEditor
            base={checklist}
            copy={false}
            saveLabel={t.rollOut}
            onSave={(edit) => rollOut(edit.name, (targets) => api['headoffice.inspectionTemplateSave']({ from: clinic.code, baseVersion: editing.base, targets, ...edit }))}
          >
            {chooser}
          </TemplateEditor>
        </div>
      </Panel>
    );

  return (
    <Panel title={`${clinic.code} · ${clinic.name} · ${t.templatesTab}`} className="min-w-0 flex-1 overflow-auto">
      {outcome && <Outcome what={outcome.what} results={outcome.results} />}
      <p className="mb-3 text-sm text-slate-500">{t.templatesIntro}</p>
      <h3 className="mb-2 text-lg font-bold">{t.teaChecklist}</h3>
      <ul>
        <TemplateRow
          name={t.teaChecklist}
          version={data.tea.version}
          count={data.tea.items.length}
          saved={stamp(data.tea.savedAt, data.tea.savedByName)}
          preview={data.tea.items.map((i) => i.text)}
          editKey="tea"
          onEdit={() => open({ kind: 'tea', base: data.tea.version })}
        />
      </ul>
      <h3 className="mb-2 mt-4 text-lg font-bold">{t.inspectionChecklists}</h3>
      <ul className="space-y-2">
        {data.inspection.map((x) => (
          <TemplateRow key={x.key} name={x.name} version={x.version} count={x.items.length} saved={stamp(x.createdAt, x.createdByName)} preview={x.items.map((i) => i.label)} editKey={`inspection:${x.key}`} onEdit={() => open({ kind: 'inspection', key: x.key, base: x.version })} />
        ))}
      </ul>
    </Panel>
  );
}

function TemplateRow({ name, version, count, saved, preview, editKey, onEdit }: { name: string; version: number; count: number; saved: string | null; preview: string[]; editKey: string; onEdit(): void }) {
  const t = useText(headOfficeText);
  return (
    <li className="list-none rounded-lg p-3 ring-1 ring-slate-200" data-testid="template-row">
      <div className="flex items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">
            {name} <span className="text-sm text-slate-500">· {t.templateVersion(version)} · {t.itemCount(count)}</span>
          </p>
          <p className="text-sm text-slate-500">{saved ? t.savedBy(saved) : t.shippedDefault}</p>
          <p className="truncate text-sm text-slate-600">{preview.join(' / ')}</p>
        </div>
        <Button variant="secondary" className="shrink-0" data-edit={editKey} aria-label={labelled(t.editTemplate, name)} onClick={onEdit}>
          {t.editTemplate}
        </Button>
      </div>
    </li>
  );
}

/** Which clinics receive the new version: this one (the default), all, or a choice. */
function TargetChooser({ clinic, clinics, targets, onChange, error }: { clinic: string; clinics: HeadOfficeClinic[]; targets: string[]; onChange(targets: string[]): void; error: boolean }) {
  const t = useText(headOfficeText);
  return (
    <fieldset className="mt-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <legend className="px-1 font-medium">{t.targets}</legend>
      <div className="mb-2 flex gap-2">
        <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => onChange([clinic])}>
          {t.onlyThisClinic(clinic)}
        </Button>
        <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => onChange(clinics.map((c) => c.code))}>
          {t.allClinicsCount(clinics.length)}
        </Button>
      </div>
      <div className="flex flex-wrap gap-x-5 gap-y-1">
        {clinics.map((c) => (
          <label key={c.code} className="flex items-center gap-2">
            <input type="checkbox" checked={targets.includes(c.code)} onChange={(e) => onChange(e.target.checked ? [...targets, c.code] : targets.filter((x) => x !== c.code))} />
            <span>
              <b>{c.code}</b> · {c.name}
            </span>
          </label>
        ))}
      </div>
      {error && targets.length === 0 && <p className="mt-1 text-sm text-rose-700">{t.chooseAClinic}</p>}
    </fieldset>
  );
}

function Outcome({ what, results }: { what: string; results: RolloutResult[] }) {
  const t = useText(headOfficeText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const failed = results.filter((r) => !r.ok).length;
  return (
    <div id="rollout-results" tabIndex={-1} className="mb-4 outline-none" role="status" data-testid="rollout-results">
      <Banner tone={failed ? 'error' : 'success'}>{failed ? t.rolloutPartly(what, results.length - failed, failed) : t.rolloutDone(what, results.length)}</Banner>
      <ul className="mt-2 space-y-1 text-sm">
        {results.map((r) => (
          <li key={r.clinic} className={r.ok ? 'text-emerald-800' : 'text-rose-800'}>
            {r.ok ? '✓' : '✗'} <b>{r.clinic}</b> · {labelled(r.name, r.ok ? t.rolloutSaved(r.version ?? 0) : t.rolloutFailed(ruleMessage(r.rule ?? undefined, r.params ?? undefined, locale) ?? (r.code ? ((c.error as Record<string, string>)[r.code] ?? r.code) : '')))}
          </li>
        ))}
      </ul>
    </div>
  );
}
