import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useDraft } from '../drafts/drafts';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { tally, type Mark } from '../../shared/inspection/rules';
import type { InspectionView } from '../../shared/inspection/schemas';
import { itemsFor } from '../../shared/inspection/templates';
import { fromApiError } from '../ui/errors';
import { inspectionText } from './i18n';
import { PhotoError, preparePhoto } from './photo';

export interface InspectDraft {
  staffId: string | null;
  /** Marks and notes not saved yet, per staff member (a reload or crash keeps them). */
  marks: Record<string, Record<string, Mark>>;
  notes: Record<string, Record<string, string>>;
  personNotes: Record<string, string>;
}

export type InspectMessage = { tone: 'error' | 'success' | 'info'; text: string } | null;

function dropDraftOf(d: InspectDraft, id: string): InspectDraft {
  const { [id]: _m, ...marks } = d.marks;
  const { [id]: _n, ...notes } = d.notes;
  const { [id]: _p, ...personNotes } = d.personNotes;
  return { ...d, marks, notes, personNotes };
}

/**
 * The state of one inspection being done (Inspect.tsx): who is being inspected, her marks as they
 * stand (the draft over what was saved), saving, the photo, and the keys — 1/2/3 mark the focused
 * item, ↑/↓ move, PageUp/PageDown change person, Enter saves and moves on.
 */
export interface InspectRefs {
  root: RefObject<HTMLDivElement | null>;
  file: RefObject<HTMLInputElement | null>;
  list: RefObject<HTMLOListElement | null>;
  staff: RefObject<HTMLOListElement | null>;
}

/** The refs are the caller's (Inspect.tsx), handed on to the columns as refs, so no render reads them. */
export function useInspect(view: InspectionView, { root: rootRef, file: fileRef, list: listRef, staff: staffRef }: InspectRefs) {
  const t = useText(inspectionText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const draft = useDraft<InspectDraft>(`inspection:${view.id}`, { staffId: null, marks: {}, notes: {}, personNotes: {} });
  const [focus, setFocus] = useState(0);
  const [message, setMessage] = useState<InspectMessage>(null);
  const [busy, setBusy] = useState(false);

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

  const update = (fn: (d: InspectDraft) => InspectDraft) => draft.setValue((d) => fn(d));
  const setMark = (itemId: string, mark: Mark) => {
    if (!staffId) return;
    update((d) => ({ ...d, marks: { ...d.marks, [staffId]: { ...Object.fromEntries(items.map((i) => [i.id, markOf(i.id)])), ...d.marks[staffId], [itemId]: mark } } }));
  };
  const setNote = (itemId: string, note: string) => staffId && update((d) => ({ ...d, notes: { ...d.notes, [staffId]: { ...d.notes[staffId], [itemId]: note } } }));
  const setPersonNote = (note: string) => staffId && update((d) => ({ ...d, personNotes: { ...d.personNotes, [staffId]: note } }));
  const goTo = (id: string) => {
    update((d) => ({ ...d, staffId: id }));
    setFocus(0);
    setMessage(null);
  };

  /** A refusal or failure as one line in the desk's language. */
  const fail = (err: unknown) => {
    const r = fromApiError(err, locale, c.error);
    setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(locale === 'zh-CN' ? '；' : '; ') });
  };
  const resultInput = (p: NonNullable<typeof person>) => ({ inspectionId: view.id, staffId: p.id, marks: items.map((i) => ({ itemId: i.id, mark: markOf(i.id), note: noteOf(i.id) })), note: personNote });

  /** Saves this person's marks as they stand, staying on her (a photo taken while marking needs a saved result). */
  const persist = async (): Promise<boolean> => {
    if (!person) return false;
    try {
      await api['inspection.saveResult'](resultInput(person));
      update((d) => dropDraftOf(d, person.id));
      return true;
    } catch (err) {
      fail(err);
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
      fail(err);
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
      else fail(err);
    } finally {
      if (fileRef.current) fileRef.current.value = '';
      rootRef.current?.focus();
    }
  };

  useEffect(() => {
    rootRef.current?.focus();
  }, [rootRef]);
  // The focused item stays in view while the inspector moves with the arrow keys…
  useEffect(() => {
    listRef.current?.children[focused]?.scrollIntoView({ block: 'nearest' });
  }, [focused, staffId, listRef]);
  // … and the person being inspected stays in view in the staff list.
  useEffect(() => {
    staffRef.current?.querySelector('[aria-current]')?.scrollIntoView({ block: 'nearest' });
  }, [staffId, staffRef]);

  const onKey = (e: KeyboardEvent) => {
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

  return {
    view, draft, saved, staffId, person, items, savedResult, markOf, noteOf, personNote, dirty, focused, setFocus, count, failsSaved,
    setMark, setNote, setPersonNote, goTo, save, addPhoto, busy, message, setMessage, fail, onKey,
  };
}

export type InspectState = ReturnType<typeof useInspect>;
