// express-pouchdb's types, for the CouchDB stand-in only (a development dependency).
declare module 'express-pouchdb' {
  import type { RequestHandler } from 'express';
  function expressPouchDB(PouchDB: unknown, options?: { mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom'; overrideMode?: { include?: string[]; exclude?: string[] }; inMemoryConfig?: boolean; logPath?: string; configPath?: string }): RequestHandler;
  export default expressPouchDB;
}

declare module 'express-pouchdb/lib/utils.js' {
  const utils: {
    setDBOnReq(name: string, dbWrapper: unknown, req: unknown, res: unknown, next: () => void): void;
  };
  export default utils;
}

declare module 'express-pouchdb/lib/clean-filename.js' {
  function cleanFilename(name: string): string;
  export default cleanFilename;
}
