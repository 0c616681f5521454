import { open } from 'node:fs/promises';

/**
 * Before appending to a results.jsonl a kill may have torn: truncates the file after its last
 * newline, so the next line starts fresh and the torn trial simply runs again. Returns how many
 * bytes went.
 */
export async function cutTornTail(path: string): Promise<number> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const chunk = 64 * 1024;
    let end = size;
    // Walk back chunk by chunk to the last newline (a torn line can be long: raw replies are kept).
    while (end > 0) {
      const start = Math.max(0, end - chunk);
      const buffer = Buffer.alloc(end - start);
      await handle.read(buffer, 0, buffer.length, start);
      const nl = buffer.lastIndexOf(0x0a);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) await handle.truncate(keep);
        return size - keep;
      }
      end = start;
    }
    if (size > 0) await handle.truncate(0);
    return size;
  } finally {
    await handle.close();
  }
}
