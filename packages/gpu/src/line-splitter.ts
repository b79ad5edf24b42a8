/**
 * Cuts a text stream into lines. A line longer than `maxLineLength` (a tool
 * spewing without newlines) is discarded as one skipped line instead of growing
 * the buffer without bound; so is a partial line left when the stream ends.
 */
export class LineSplitter {
  private buffer = '';
  private discarding = false;

  constructor(
    private readonly maxLineLength: number,
    private readonly onLine: (line: string) => void,
    private readonly onDiscarded: () => void,
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline >= 0; newline = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, newline);
      start = newline + 1;
      if (this.discarding) {
        this.discarding = false;
        continue;
      }
      const line = this.buffer + piece;
      this.buffer = '';
      if (line.length > this.maxLineLength) this.onDiscarded();
      else this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (this.discarding) return;
    this.buffer += chunk.slice(start);
    if (this.buffer.length > this.maxLineLength) {
      this.buffer = '';
      this.discarding = true;
      this.onDiscarded();
    }
  }

  /** The stream ended: a leftover partial line is incomplete data. */
  end(): void {
    if (this.buffer.trim() !== '') this.onDiscarded();
    this.buffer = '';
    this.discarding = false;
  }
}
