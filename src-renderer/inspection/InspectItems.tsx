import type { RefObject } from 'react';
import type { Mark } from '../../shared/inspection/rules';
import { useText } from '../i18n/i18n';
import { labelled } from '../i18n/common';
import { Banner, Button, TextInput } from '../ui/ui';
import { FileButton } from '../ui/FileButton';
import { inspectionText } from './i18n';
import type { InspectState } from './useInspect';

const markLook: Record<Mark, { on: string; off: string }> = {
  pass: { on: 'bg-emerald-600 text-white ring-emerald-700', off: 'bg-white text-emerald-800 ring-slate-300 hover:bg-emerald-50' },
  fail: { on: 'bg-rose-600 text-white ring-rose-700', off: 'bg-white text-rose-800 ring-slate-300 hover:bg-rose-50' },
  na: { on: 'bg-slate-500 text-white ring-slate-600', off: 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-100' },
};

/** The person's items, each 合格 / 不合格 / 不适用, with a note box under a failed one. */
export function InspectItems({ s, listRef, onEscape }: { s: InspectState; listRef: RefObject<HTMLOListElement | null>; onEscape(): void }) {
  const t = useText(inspectionText);
  return (
    <ol ref={listRef} aria-label={s.person?.name} className="min-h-0 flex-1 overflow-auto px-3 py-2">
      {s.items.map((item, i) => {
        const m = s.markOf(item.id);
        return (
          <li key={item.id} data-testid="item" aria-label={item.label} className={`rounded-lg px-2 py-1.5 ${i === s.focused ? 'bg-teal-50 ring-2 ring-teal-500' : ''}`} onClick={() => s.setFocus(i)}>
            <div className="flex items-center gap-2">
              <span className="min-w-0 flex-1 text-base">{item.label}</span>
              {(['pass', 'fail', 'na'] as const).map((k) => (
                <button key={k} type="button" tabIndex={-1} aria-pressed={m === k} onClick={() => s.setMark(item.id, k)} className={`min-w-20 rounded-lg px-3 py-2 text-base font-bold ring-1 ${m === k ? markLook[k].on : markLook[k].off}`}>
                  {t[k]}
                </button>
              ))}
            </div>
            {m === 'fail' && (
              <TextInput
                aria-label={labelled(t.note, item.label)}
                className="mt-1 py-1"
                placeholder={t.note}
                value={s.noteOf(item.id)}
                onChange={(e) => s.setNote(item.id, e.target.value)}
                // Esc hands the keys back to the list (1/2/3, arrows).
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.stopPropagation();
                    onEscape();
                  }
                }}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Under the items: the last message, a note on the person, the camera and a photo, and 保存并下一位. */
export function InspectFooter({ s, fileRef, onCamera }: { s: InspectState; fileRef: RefObject<HTMLInputElement | null>; onCamera(): void }) {
  const t = useText(inspectionText);
  return (
    <footer className="space-y-2 border-t border-slate-200 px-5 py-3">
      {s.message && <Banner tone={s.message.tone}>{s.message.text}</Banner>}
      <div className="flex items-center gap-2">
        <TextInput aria-label={t.personNote} placeholder={t.personNote} value={s.personNote} onChange={(e) => s.setPersonNote(e.target.value)} />
        <Button variant="secondary" className="shrink-0" onClick={onCamera}>
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
              {s.savedResult && s.savedResult.photos.length > 0 && t.photoCount(s.savedResult.photos.length)}
            </>
          }
          onChange={(e) => e.target.files?.[0] && void s.addPhoto(e.target.files[0])}
        />
        <Button className="shrink-0 px-6 py-3 text-lg" disabled={s.busy} onClick={() => void s.save()}>
          {t.saveNext} <kbd className="ml-1 text-xs opacity-70">Enter</kbd>
        </Button>
      </div>
      <p className="text-xs text-slate-500">{t.keys}</p>
    </footer>
  );
}
