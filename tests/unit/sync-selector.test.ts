import { describe, expect, it } from 'vitest';
import { matchesSelector } from 'pouchdb-selector-core';
import { docFilterSelector, isReferenceDoc, syncPlan, travelsWithClinic, type DocFilter } from '../../shared/sync/rules';
import { newerThanKnown } from '../../shared/fleet/rules';
import { KNOWN_DOC_VERSIONS } from '../../src-main/fleet/known';
import { docRegistry } from '../../shared/docTypes';

// The server-side selector must pass exactly what the desk's own function filter passes: a
// document either filter lets through by mistake is a document one side has and the other not.
type Doc = { _id: string; clinic?: unknown; type?: unknown; schemaVersion?: unknown; _deleted?: boolean };
const functions: Record<DocFilter, (doc: Doc) => boolean> = {
  clinic: (doc) => travelsWithClinic(doc) && !newerThanKnown(doc, KNOWN_DOC_VERSIONS),
  reference: (doc) => isReferenceDoc(doc) && !newerThanKnown(doc, KNOWN_DOC_VERSIONS),
};

function samples(): Doc[] {
  const out: Doc[] = [
    { _id: '_design/validation' },
    { _id: '_design/sync', clinic: 'BJ' },
    { _id: 'calendar:2026', type: 'calendar', clinic: '*', schemaVersion: 1 },
    { _id: 'calendar:2027', type: 'calendar', clinic: '*', schemaVersion: 99 },
    { _id: 'app-policy', type: 'app-policy', clinic: '*', schemaVersion: 1 },
    { _id: 'no-clinic-at-all' },
    { _id: 'tombstone:BJ:1', _deleted: true },
    { _id: 'future:BJ:1', type: 'a-type-from-a-newer-app', clinic: 'BJ', schemaVersion: 7 },
    { _id: 'x:BJ:1', type: 'visit', clinic: 'BJ', schemaVersion: '99' },
    { _id: 'x:BJ:2', type: 'visit', clinic: 'BJ' },
  ];
  for (const decl of docRegistry) {
    const known = KNOWN_DOC_VERSIONS[decl.type] ?? 1;
    for (const clinic of ['BJ', '*', undefined]) {
      for (const schemaVersion of [known - 1, known, known + 1]) {
        out.push({ _id: `${decl.type}:${clinic ?? 'none'}:${schemaVersion}`, type: decl.type, ...(clinic ? { clinic } : {}), schemaVersion });
      }
    }
  }
  return out;
}

describe('the pull selector (head office pulls `headoffice` with a Mango selector, issue 17)', () => {
  for (const filter of ['clinic', 'reference'] as const) {
    it(`passes exactly what the ${filter} function passes`, () => {
      const selector = docFilterSelector(filter, KNOWN_DOC_VERSIONS);
      const docs = samples();
      const disagree = docs.filter((doc) => matchesSelector(doc, selector) !== functions[filter](doc)).map((d) => d._id);
      expect(disagree).toEqual([]);
      // Not vacuous: each filter lets some through and holds some back.
      expect(docs.some((d) => functions[filter](d))).toBe(true);
      expect(docs.some((d) => !functions[filter](d))).toBe(true);
    });
  }

  it('is used for head office’s pull of the consolidated database only', () => {
    expect(syncPlan('HQ', 'HQ').pull).toEqual({ db: 'headoffice', filter: 'clinic', bySelector: true });
    expect(syncPlan('BJ', 'HQ').pull).toEqual({ db: 'clinic_bj', filter: 'clinic' });
  });
});
