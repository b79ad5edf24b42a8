import { WriterStates, type CanonicalWriter } from './canonical-writer.js';

/** Messages remembered at most, and their texts' code units: a history past either is hashed from there on every call. */
const MAX_MESSAGES = 128;
const MAX_CHARS = 262_144;

/** A message as it is fingerprinted: `role` and `content` are read, nothing else. */
interface Message {
  readonly role: unknown;
  readonly content: unknown;
}

/**
 * The last chat fingerprint's leading messages, each with the writer's state just after it. An agent loop
 * sends the conversation so far again on every turn, and an app the same system prompt with every request:
 * a fingerprint resumes after the longest run of leading messages equal to the last call's (same model,
 * same roles, same texts) and hashes only the rest. Messages are compared by value, so one edited in place
 * is a new message; only string roles and texts of at most `maxText` units are remembered, so a comparison
 * never costs more than hashing the text would.
 */
export class MessagePrefixMemo {
  private readonly states = new WriterStates(MAX_MESSAGES);
  // Fixed-size, with a count: shortening an array by its length costs V8 a runtime call, on every fingerprint.
  private readonly roles: string[] = new Array<string>(MAX_MESSAGES).fill('');
  private readonly texts: string[] = new Array<string>(MAX_MESSAGES).fill('');
  private count = 0;
  private model: string | undefined;
  private chars = 0;

  constructor(
    private readonly writer: CanonicalWriter,
    private readonly maxText: number,
  ) {}

  /**
   * Returns how many leading messages equal the remembered ones under the same model and, when any do,
   * restores the writer to where it stood after them. 0: the writer is left as it is, to start from scratch.
   */
  resume(model: string, messages: readonly Message[]): number {
    let matched = 0;
    let chars = 0;
    if (model === this.model) {
      const limit = Math.min(this.count, messages.length);
      while (matched < limit) {
        const message = messages[matched] as Message;
        const text = this.texts[matched] as string;
        if (message.role !== this.roles[matched] || message.content !== text) break;
        chars += text.length;
        matched++;
      }
    }
    this.model = model;
    this.truncate(matched);
    this.chars = chars;
    if (matched > 0) this.writer.restore(this.states, matched - 1);
    return matched;
  }

  /** Remembers message `index`, just written, where every message before it is remembered and it fits. */
  remember(index: number, role: unknown, content: unknown): void {
    if (index !== this.count || index >= MAX_MESSAGES || typeof role !== 'string' || typeof content !== 'string') return;
    if (content.length > this.maxText || this.chars + content.length > MAX_CHARS) return;
    this.writer.save(this.states, index);
    this.roles[index] = role;
    this.texts[index] = content;
    this.count++;
    this.chars += content.length;
  }

  /** Forgets every message (after a failed fingerprint, when the writer's state is unknown). */
  forget(): void {
    this.model = undefined;
    this.truncate(0);
    this.chars = 0;
  }

  /** Keeps the first `count` messages; the texts after them are let go, not held until overwritten. */
  private truncate(count: number): void {
    for (let index = count; index < this.count; index++) {
      this.roles[index] = '';
      this.texts[index] = '';
    }
    this.count = count;
  }
}
