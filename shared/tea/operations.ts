import type { teaContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const teaNames = {
  'tea.tasks': true,
  'tea.serve': true,
  'tea.decline': true,
  'tea.refill': true,
  'tea.setParty': true,
  'tea.serveParty': true,
  'tea.template': true,
  'tea.saveTemplate': true,
  'tea.settings': true,
  'tea.updateSettings': true,
  'tea.figures': true,
} satisfies Record<keyof typeof teaContract, true>;
