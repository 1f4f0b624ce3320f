import { op } from '../op';
import { z } from 'zod';
import { figuresInput, partyInput, refillInput, saveTemplateInput, serveInput, servePartyInput, tasksInput, teaFigures, teaSettingsInput, teaSettingsView, teaTask, templateView, visitOnlyInput } from './schemas';
import { empty } from '../op';

/** Tea service (奉茶): tasks, the checklist, refills, daily figures. */
export const teaContract = {
  'tea.tasks': op('operator', tasksInput, z.array(teaTask), { dependsOn: ['visit', 'visit-event', 'tea-event', 'tea-party', 'tea-settings', 'customer'] }),
  'tea.serve': op('operator', serveInput, teaTask),
  'tea.decline': op('operator', visitOnlyInput, teaTask),
  'tea.refill': op('operator', refillInput, teaTask),
  'tea.setParty': op('operator', partyInput, z.array(teaTask)),
  /** Serves a party's members in the order given, in one request (issue 21): the tasks in that order. */
  'tea.serveParty': op('operator', servePartyInput, z.array(teaTask)),
  'tea.template': op('operator', empty, templateView, { dependsOn: ['tea-template'] }),
  'tea.saveTemplate': op('admin', saveTemplateInput, templateView),
  'tea.settings': op('operator', empty, teaSettingsView, { dependsOn: ['tea-settings'] }),
  'tea.updateSettings': op('admin', teaSettingsInput, teaSettingsView),
  'tea.figures': op('operator', figuresInput, teaFigures, { dependsOn: ['tea-event', 'visit', 'tea-template'] }),
} as const;
