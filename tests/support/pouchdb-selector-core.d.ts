// PouchDB's own selector matcher (a dependency of pouchdb-find), which the embedded head office
// applies to `_changes?filter=_selector`: the unit tests hold the sync selectors against it.
declare module 'pouchdb-selector-core' {
  export function matchesSelector(doc: object, selector: object): boolean;
}
