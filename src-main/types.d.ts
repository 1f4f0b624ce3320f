declare module 'leveldown' {
  interface LevelDown {
    open(cb: (err?: Error) => void): void;
    close(cb: (err?: Error) => void): void;
  }
  function leveldown(location: string): LevelDown;
  namespace leveldown {
    function destroy(location: string, cb: (err?: Error) => void): void;
  }
  export default leveldown;
}
