import type { Rule } from 'eslint';

export function importsOf(file: string): { target: string; specifier: string }[];
export function cycleFrom(start: string, first: string): string[] | null;
export const noImportCycles: Rule.RuleModule;
