declare module 'leveldown' {
  interface LevelDown {
    open(cb: (err?: Error) => void): void;
    open(options: { createIfMissing?: boolean }, cb: (err?: Error) => void): void;
    close(cb: (err?: Error) => void): void;
  }
  function leveldown(location: string): LevelDown;
  namespace leveldown {
    function destroy(location: string, cb: (err?: Error) => void): void;
  }
  export default leveldown;
}

declare module 'pouchdb-abstract-mapreduce' {
  type Fn = (...args: unknown[]) => unknown;
  function createAbstractMapReduce(
    localDocName: string,
    mapper: (mapFun: unknown, emit: (key: unknown, value?: unknown) => void) => Fn,
    reducer: (reduceFun: unknown) => Fn,
    ddocValidator: (ddoc: never, viewName: string) => void,
  ): { query: Fn; viewCleanup: Fn };
  export default createAbstractMapReduce;
}
