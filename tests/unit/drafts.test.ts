import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { draftEpoch, dropDraft, loadDraft, saveDraft } from '../../src-renderer/drafts/drafts';

/**
 * Issue 21: the lead's form offered to restore the visitor she had just checked in. The form's
 * debounced save had been scheduled with what she typed; submitting dropped the draft, and the
 * timer fired after the drop (before React's next render cleared it), writing her back.
 */
describe('a draft dropped on submit stays dropped', () => {
  it('a save scheduled before the drop and run after it writes nothing', async () => {
    const visitor = { person: { name: '李静', phone: '13600001111' } };
    await saveDraft('check-in', visitor, 'staff:BJ:lead');
    const scheduled = draftEpoch('check-in', 'staff:BJ:lead'); // the form's timer, set while she typed
    await dropDraft('check-in', 'staff:BJ:lead'); // submit: clear()
    await saveDraft('check-in', visitor, 'staff:BJ:lead', scheduled); // the timer fires late
    expect(await loadDraft('check-in', 'staff:BJ:lead')).toBeNull();
    // A save scheduled after the drop (the emptied form, the next visitor) is kept.
    await saveDraft('check-in', { person: { name: '王芳' } }, 'staff:BJ:lead', draftEpoch('check-in', 'staff:BJ:lead'));
    expect(await loadDraft('check-in', 'staff:BJ:lead')).toEqual({ person: { name: '王芳' } });
    // Another operator's drafts are counted apart.
    await saveDraft('check-in', visitor, 'staff:BJ:guide', draftEpoch('check-in', 'staff:BJ:guide'));
    expect(await loadDraft('check-in', 'staff:BJ:guide')).toEqual(visitor);
  });

  it('a drop issued after a save is not overtaken by it', async () => {
    const save = saveDraft('booking', { name: '赵敏' }, 'staff:BJ:lead');
    const drop = dropDraft('booking', 'staff:BJ:lead');
    await Promise.all([save, drop]);
    expect(await loadDraft('booking', 'staff:BJ:lead')).toBeNull();
  });
});
