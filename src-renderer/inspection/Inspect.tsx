import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useDraft } from '../drafts/drafts';
import { useLocale, useText } from '../i18n/i18n';
import { commonText, labelled } from '../i18n/common';
import { tally, type Mark } from '../../shared/inspection/rules';
import type { InspectionView } from '../../shared/inspection/schemas';
import { itemsFor } from '../../shared/inspection/templates';
import { useShell } from '../shell/store';
import { Banner, Button, TextInput } from '../ui/ui';
import { FileButton } from '../ui/FileButton';
import { fromApiError } from '../ui/errors';
import { inspectionText } from './i18n';
import { Camera } from './Camera';
import { PhotoError, preparePhoto } from './photo';
import { useInspectionUi } from './store';

interface Draft {
  staffId: string | null;
  /** Marks and notes not saved yet, per staff member (a reload or crash keeps them). */
  marks: Record<string, Record<string, Mark>>;
  notes: Record<string, Record<string, string>>;
  personNotes: Record<string, string>;
}

const markLook: Record<Mark, { on: string; off: string }> = {
  pass: { on: 'bg-emerald-600 text-white ring-emerald-700', off: 'bg-white text-emerald-800 ring-slate-300 hover:bg-emerald-50' },
  fail: { on: 'bg-rose-600 text-white ring-rose-700', off: 'bg-white text-rose-800 ring-slate-300 hover:bg-rose-50' },
  na: { on: 'bg-slate-500 text-white ring-slate-600', off: 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-100' },
};

/**
 * Doing an inspection: staff one by one, every item pre-set to pass so the inspector only marks
 * what is wrong; keys 1/2/3 mark the focused item, Enter saves and moves to the next person.
 */
export function Inspect({ view }: { view: InspectionView }) {
  const t = useText(inspectionText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const operator = useShell((s) => s.status?.operator);
  const open = useInspectionUi((s) => s.open);
  const draft = useDraft<Draft>(`inspection:${view.id}`, { staffId: null, marks: {}, notes: {}, personNotes: {} });
  const [focus, setFocus] = useState(0);
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  const [signing, setSigning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [discardReason, setDiscardReason] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const saved = new Map(view.results.map((r) => [r.staffId, r]));
  const firstOpen = view.staff.find((s) => !saved.has(s.id))?.id ?? view.staff[0]?.id ?? null;
  const staffId = draft.value.staffId && view.staff.some((s) => s.id === draft.value.staffId) ? draft.value.staffId : firstOpen;
  const person = view.staff.find((s) => s.id === staffId) ?? null;
  const items = person ? itemsFor(view.items, person.sex) : [];
  const savedResult = person ? saved.get(person.id) : undefined;
  const markOf = (itemId: string): Mark => draft.value.marks[staffId ?? '']?.[itemId] ?? savedResult?.marks.find((m) => m.itemId === itemId)?.mark ?? 'pass';
  const noteOf = (itemId: string): string => draft.value.notes[staffId ?? '']?.[itemId] ?? savedResult?.marks.find((m) => m.itemId === itemId)?.note ?? '';
  const personNote = draft.value.personNotes[staffId ?? ''] ?? savedResult?.note ?? '';
  const dirty = !!staffId && (!!draft.value.marks[staffId] || !!draft.value.notes[staffId] || draft.value.personNotes[staffId] !== undefined);
  const focused = Math.min(focus, Math.max(0, items.length - 1));
  const count = tally(items.map((i) => markOf(i.id)));
  const failsSaved = view.results.reduce((n, r) => n + r.marks.filter((m) => m.mark === 'fail').length, 0);

  const update = (fn: (d: Draft) => Draft) => draft.setValue((d) => fn(d));
  const setMark = (itemId: string, mark: Mark) => {
    if (!staffId) return;
    update((d) => ({ ...d, marks: { ...d.marks, [staffId]: { ...Object.fromEntries(items.map((i) => [i.id, markOf(i.id)])), ...d.marks[staffId], [itemId]: mark } } }));
  };
  const setNote = (itemId: string, note: string) => staffId && update((d) => ({ ...d, notes: { ...d.notes, [staffId]: { ...d.notes[staffId], [itemId]: note } } }));
  const goTo = (id: string) => {
    update((d) => ({ ...d, staffId: id }));
    setFocus(0);
    setMessage(null);
  };

  const sep = locale === 'zh-CN' ? '；' : '; ';
  const resultInput = (p: NonNullable<typeof person>) => ({ inspectionId: view.id, staffId: p.id, marks: items.map((i) => ({ itemId: i.id, mark: markOf(i.id), note: noteOf(i.id) })), note: personNote });
  const dropDraftOf = (d: Draft, id: string): Draft => {
    const { [id]: _m, ...marks } = d.marks;
    const { [id]: _n, ...notes } = d.notes;
    const { [id]: _p, ...personNotes } = d.personNotes;
    return { ...d, marks, notes, personNotes };
  };
  /** Saves this person's marks as they stand, staying on her (a photo taken while marking needs a saved result). */
  const persist = async (): Promise<boolean> => {
    if (!person) return false;
    try {
      await api['inspection.saveResult'](resultInput(person));
      update((d) => dropDraftOf(d, person.id));
      return true;
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(sep) });
      return false;
    }
  };

  const save = async () => {
    if (!person || busy) return;
    setBusy(true);
    try {
      const next = await api['inspection.saveResult'](resultInput(person));
      const done = new Set(next.results.map((r) => r.staffId));
      const after = view.staff.slice(view.staff.indexOf(person) + 1).find((s) => !done.has(s.id)) ?? view.staff.find((s) => !done.has(s.id));
      flushSync(() => {
        update((d) => ({ ...dropDraftOf(d, person.id), staffId: after?.id ?? person.id }));
        setFocus(0);
        setMessage({ tone: 'success', text: `${person.name} · ${t.saved}` });
      });
      rootRef.current?.focus();
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(sep) });
    } finally {
      setBusy(false);
    }
  };

  const addPhoto = async (file: File) => {
    if (!person) return;
    // Taken while marking (issue 19): the marks so far are saved first, then the photo is attached.
    if ((!savedResult || dirty) && !(await persist())) {
      if (fileRef.current) fileRef.current.value = '';
      return;
    }
    const item = items[focused];
    const itemId = item && markOf(item.id) === 'fail' ? item.id : null;
    try {
      const data = await preparePhoto(file);
      await api['inspection.attachPhoto']({ inspectionId: view.id, staffId: person.id, itemId, data });
      setMessage({ tone: 'success', text: `${t.photoAdded} · ${t.photoFor(itemId ? item!.label : t.photoWhole)}` });
    } catch (err) {
      if (err instanceof PhotoError) setMessage({ tone: 'error', text: err.reason === 'notImage' ? t.photoNotImage : t.photoTooBig });
      else {
        const r = fromApiError(err, locale, c.error);
        setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(sep) });
      }
    } finally {
      if (fileRef.current) fileRef.current.value = '';
      rootRef.current?.focus();
    }
  };

  useEffect(() => {
    rootRef.current?.focus();
  }, []);

  // The focused item stays in view while the inspector moves with the arrow keys.
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    listRef.current?.children[focused]?.scrollIntoView({ block: 'nearest' });
  }, [focused, staffId]);
  // … and the person being inspected stays in view in the staff list.
  const staffRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    staffRef.current?.querySelector('[aria-current]')?.scrollIntoView({ block: 'nearest' });
  }, [staffId]);

  const onKey = (e: React.KeyboardEvent) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      void save();
      return;
    }
    if (typing) return;
    const item = items[focused];
    // A character typed while a failed item's note box is open goes into it (issue 19), not nowhere:
    // the box takes the focus before the key lands, so the key (or an IME's composition, key
    // 'Process') is typed there by the browser itself.
    if (item && markOf(item.id) === 'fail' && ((e.key.length === 1 && !['1', '2', '3'].includes(e.key)) || e.key === 'Process') && !e.ctrlKey && !e.altKey && !e.metaKey) {
      const box = listRef.current?.children[focused]?.querySelector('input');
      box?.focus();
      box?.setSelectionRange(box.value.length, box.value.length);
      return;
    }
    if (e.key === 'ArrowDown') setFocus(Math.min(items.length - 1, focused + 1));
    else if (e.key === 'ArrowUp') setFocus(Math.max(0, focused - 1));
    else if (item && (e.key === '1' || e.key === '2' || e.key === '3')) {
      setMark(item.id, e.key === '1' ? 'pass' : e.key === '2' ? 'fail' : 'na');
      if (e.key !== '2') setFocus(Math.min(items.length - 1, focused + 1));
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      const i = view.staff.findIndex((s) => s.id === staffId) + (e.key === 'PageDown' ? 1 : -1);
      const target = view.staff[i];
      if (target) goTo(target.id);
    } else return;
    e.preventDefault();
  };

  return (
    <div ref={rootRef} tabIndex={-1} onKeyDown={onKey} className="grid h-full grid-cols-[16rem_1fr] gap-4 outline-none" data-testid="inspect">
      <section className="flex min-h-0 flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <header className="border-b border-slate-200 px-4 py-3">
          <p className="font-bold">
            {t.kind[view.kind]} · {view.date}
          </p>
          <p className="text-sm text-slate-500">
            {view.templateName} · {t.version(view.templateVersion)}
          </p>
          <p className="mt-1 text-lg font-bold text-teal-800" data-testid="progress">
            {t.progress(view.results.length, view.staff.length)}
          </p>
          <p className="text-sm text-rose-700">{t.failCount(failsSaved)}</p>
        </header>
        <ol ref={staffRef} aria-label={t.staffList} className="min-h-0 flex-1 overflow-auto p-2">
          {view.staff.map((s) => {
            const r = saved.get(s.id);
            const fails = r?.marks.filter((m) => m.mark === 'fail').length ?? 0;
            return (
              <li key={s.id}>
                <button
                  type="button"
                  aria-current={s.id === staffId ? 'true' : undefined}
                  onClick={() => goTo(s.id)}
                  className={`flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left ${s.id === staffId ? 'bg-teal-700 text-white' : 'hover:bg-slate-100'}`}
                >
                  <span className="font-medium">{s.name}</span>
                  <span className="text-xs opacity-70">{s.sex === 'F' ? c.female : c.male}</span>
                  <span className={`ml-auto text-xs font-bold ${s.id === staffId ? '' : r ? (fails ? 'text-rose-700' : 'text-emerald-700') : 'opacity-60'}`}>{r ? (fails ? t.failCount(fails) : '✓') : t.notYet}</span>
                </button>
              </li>
            );
          })}
        </ol>
        <div className="border-t border-slate-200 p-3">
          {signing ? (
            <div className="space-y-2">
              <p className="text-sm">{t.signConfirm(operator?.name ?? '')}</p>
              <div className="flex gap-2">
                <Button
                  variant="danger"
                  onClick={async () => {
                    try {
                      await api['inspection.signOff']({ inspectionId: view.id });
                      draft.clear();
                    } catch (err) {
                      const r = fromApiError(err, locale, c.error);
                      setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(sep) });
                      setSigning(false);
                    }
                  }}
                >
                  {t.confirmSign}
                </Button>
                <Button variant="ghost" onClick={() => setSigning(false)}>
                  {c.cancel}
                </Button>
              </div>
            </div>
          ) : discarding ? (
            <div className="space-y-2">
              <TextInput aria-label={t.discardReason} placeholder={t.discardReason} value={discardReason} onChange={(e) => setDiscardReason(e.target.value)} />
              <div className="flex gap-2">
                <Button
                  variant="danger"
                  onClick={async () => {
                    try {
                      await api['inspection.discard']({ inspectionId: view.id, reason: discardReason });
                      draft.clear();
                      open(null);
                    } catch (err) {
                      const r = fromApiError(err, locale, c.error);
                      setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(sep) });
                    }
                  }}
                >
                  {t.confirmDiscard}
                </Button>
                <Button variant="ghost" onClick={() => setDiscarding(false)}>
                  {c.cancel}
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex gap-2">
              <Button variant="ghost" onClick={() => open(null)}>
                {t.back}
              </Button>
              {/* Nobody signs or sets aside an inspection that inspected them. */}
              {!view.results.some((r) => r.staffId === operator?.id) && (
                <>
                  <Button variant="ghost" className="text-rose-700" onClick={() => setDiscarding(true)}>
                    {t.discard}
                  </Button>
                  <Button className="flex-1" disabled={!view.results.length} onClick={() => setSigning(true)}>
                    {t.signOff}
                  </Button>
                </>
              )}
            </div>
          )}
        </div>
      </section>

      <section className="flex min-h-0 flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        {!person && <p className="p-10 text-center text-slate-500">{t.nobody}</p>}
        {person && (
          <>
            <header className="flex items-center gap-3 border-b border-slate-200 px-5 py-3">
              <h2 className="text-2xl font-bold" data-testid="person">
                {person.name}
              </h2>
              <span className="text-slate-500">
                {person.sex === 'F' ? c.female : c.male}
                {person.staffNumber && ` · ${person.staffNumber}`}
              </span>
              <span className="ml-auto flex gap-3 text-lg font-bold tabular-nums" data-testid="tally">
                <span className="text-emerald-700">
                  {t.pass} {count.pass}
                </span>
                <span className="text-rose-700">
                  {t.fail} {count.fail}
                </span>
                <span className="text-slate-500">
                  {t.na} {count.na}
                </span>
              </span>
            </header>
            {draft.restored && dirty && <p className="bg-sky-50 px-5 py-1 text-sm text-sky-900">{t.restored}</p>}
            <ol ref={listRef} aria-label={person.name} className="min-h-0 flex-1 overflow-auto px-3 py-2">
              {items.map((item, i) => {
                const m = markOf(item.id);
                return (
                  <li key={item.id} data-testid="item" aria-label={item.label} className={`rounded-lg px-2 py-1.5 ${i === focused ? 'bg-teal-50 ring-2 ring-teal-500' : ''}`} onClick={() => setFocus(i)}>
                    <div className="flex items-center gap-2">
                      <span className="min-w-0 flex-1 text-base">{item.label}</span>
                      {(['pass', 'fail', 'na'] as const).map((k) => (
                        <button
                          key={k}
                          type="button"
                          tabIndex={-1}
                          aria-pressed={m === k}
                          onClick={() => setMark(item.id, k)}
                          className={`min-w-20 rounded-lg px-3 py-2 text-base font-bold ring-1 ${m === k ? markLook[k].on : markLook[k].off}`}
                        >
                          {t[k]}
                        </button>
                      ))}
                    </div>
                    {m === 'fail' && (
                      <TextInput
                        aria-label={labelled(t.note, item.label)}
                        className="mt-1 py-1"
                        placeholder={t.note}
                        value={noteOf(item.id)}
                        onChange={(e) => setNote(item.id, e.target.value)}
                        // Esc hands the keys back to the list (1/2/3, arrows).
                        onKeyDown={(e) => {
                          if (e.key === 'Escape') {
                            e.stopPropagation();
                            rootRef.current?.focus();
                          }
                        }}
                      />
                    )}
                  </li>
                );
              })}
            </ol>
            <footer className="space-y-2 border-t border-slate-200 px-5 py-3">
              {message && <Banner tone={message.tone}>{message.text}</Banner>}
              <div className="flex items-center gap-2">
                <TextInput aria-label={t.personNote} placeholder={t.personNote} value={personNote} onChange={(e) => staffId && update((d) => ({ ...d, personNotes: { ...d.personNotes, [staffId]: e.target.value } }))} />
                <Button variant="secondary" className="shrink-0" onClick={() => setCamera(true)}>
                  {t.camera}
                </Button>
                <FileButton
                  inputRef={fileRef}
                  accept="image/*"
                  capture="environment"
                  data-testid="photo-input"
                  className="shrink-0"
                  label={
                    <>
                      {t.photo}
                      {savedResult && savedResult.photos.length > 0 && t.photoCount(savedResult.photos.length)}
                    </>
                  }
                  onChange={(e) => e.target.files?.[0] && void addPhoto(e.target.files[0])}
                />
                <Button className="shrink-0 px-6 py-3 text-lg" disabled={busy} onClick={() => void save()}>
                  {t.saveNext} <kbd className="ml-1 text-xs opacity-70">Enter</kbd>
                </Button>
              </div>
              <p className="text-xs text-slate-500">{t.keys}</p>
            </footer>
          </>
        )}
      </section>
      {camera && (
        <Camera
          onClose={() => {
            setCamera(false);
            rootRef.current?.focus();
          }}
          onShot={(file) => {
            setCamera(false);
            void addPhoto(file);
          }}
        />
      )}
    </div>
  );
}
