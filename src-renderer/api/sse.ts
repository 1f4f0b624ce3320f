/**
 * Reads a server-sent event stream from a fetch response (EventSource cannot send the bearer
 * secret), calling `onData` with each event's parsed `data:` line, until the stream ends.
 */
export async function readEvents<T>(res: Response, onData: (data: T) => void): Promise<void> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (data) onData(JSON.parse(data.slice(6)) as T);
    }
  }
}

/** The wait before reconnecting after `attempt` failures: half a second, doubling, at most 10 s. */
export const reconnectDelay = (attempt: number) => Math.min(10_000, 500 * 2 ** attempt);
