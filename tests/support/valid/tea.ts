import type { teaContract } from '../../../shared/tea/contract';
import { defaultTeaChecklist } from '../../../shared/tea/rules';
import type { TestApp } from '../app';
import { firstVisit, type ClinicFixture } from '../factories';

/** Every item of the built-in checklist ticked. */
export const allTicked = () => defaultTeaChecklist.map((i) => ({ itemId: i.id, ok: true, note: '' }));

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function teaValidInputs(t: TestApp, _f: ClinicFixture): Promise<Record<keyof typeof teaContract, Record<string, unknown>>> {
  const [toServe, toDecline, served] = [await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit())];
  const [partyA, partyB] = [await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit())];
  const template = await t.api['tea.template']({});
  await t.api['tea.serve']({ visitId: served.id, drink: '绿茶', templateId: template.id, checks: allTicked() });
  return {
    'tea.tasks': { date: '2026-11-27' },
    'tea.serve': { visitId: toServe.id, drink: '菊花茶', templateId: template.id, checks: allTicked() },
    'tea.decline': { visitId: toDecline.id },
    'tea.refill': { visitId: served.id, drink: '' },
    'tea.setParty': { visitIds: [toDecline.id, toServe.id] },
    'tea.serveParty': { members: [{ visitId: partyB.id, drink: '红茶', checks: allTicked() }, { visitId: partyA.id, drink: '温水', checks: allTicked() }], templateId: template.id },
    'tea.template': {},
    'tea.saveTemplate': { items: [...template.items.map((i) => ({ id: i.id, text: i.text })), { id: null, text: '茶具每日消毒' }], baseVersion: 0 },
    'tea.settings': {},
    'tea.updateSettings': { refillMinutes: 20 },
    'tea.figures': { date: '2026-11-27' },
  };
}
