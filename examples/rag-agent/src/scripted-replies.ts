import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { contentWords } from './embedding.js';

export interface PlannedToolCall {
  name: string;
  args: Record<string, string>;
}

/** What the scripted model says next: tool calls on the way in, an answer once the tools are back. */
export type ScriptedReply = { kind: 'tools'; calls: PlannedToolCall[] } | { kind: 'answer'; text: string };

const ORDER_ID = /\bA-\d{4}\b/i;
const OUT_OF_SCOPE = /\b(essay|poem|homework|stock tips)\b/i;

/**
 * The support agent's script, chosen from the conversation like a tool-calling
 * model would: plan the tool calls for a new question, then answer from what
 * the tools returned (and admit it when a tool failed).
 */
export function scriptReply(messages: readonly BaseMessage[]): ScriptedReply {
  const lastAi = messages.findLastIndex((message) => AIMessage.isInstance(message));
  const toolResults = messages.slice(lastAi + 1).filter((message): message is ToolMessage => ToolMessage.isInstance(message));
  const question = textOf(messages.findLast((message) => HumanMessage.isInstance(message)));
  if (lastAi >= 0 && toolResults.length > 0) return { kind: 'answer', text: answerFrom(toolResults, question) };
  return plan(question);
}

function plan(question: string): ScriptedReply {
  if (OUT_OF_SCOPE.test(question)) {
    return { kind: 'answer', text: "Sorry, I can't help with that. I can only answer questions about our products, orders and returns." };
  }
  const orderId = ORDER_ID.exec(question)?.[0].toUpperCase();
  if (orderId === undefined) return { kind: 'tools', calls: [{ name: 'search_docs', args: { query: question } }] };
  const calls: PlannedToolCall[] = [{ name: 'lookup_order', args: { order_id: orderId } }];
  // Parcel questions also ask the carrier: the flaky tool.
  if (/\b(where|track|arriv|deliver)/i.test(question)) calls.push({ name: 'track_shipment', args: { order_id: orderId } });
  // Policy questions about an order: a focused query, as a model rewrites it, not the whole message.
  if (/\b(change|cancel)/i.test(question)) calls.push({ name: 'search_docs', args: { query: 'change or cancel an order' } });
  else if (/\blabel/i.test(question)) calls.push({ name: 'search_docs', args: { query: 'return label' } });
  else if (/\b(return|refund)/i.test(question)) calls.push({ name: 'search_docs', args: { query: 'return policy and refund' } });
  return { kind: 'tools', calls };
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

function answerFrom(results: readonly ToolMessage[], question: string): string {
  const email = EMAIL.exec(question)?.[0];
  const sentences: string[] = [];
  for (const result of results) {
    const text = textOf(result);
    if (result.status === 'error') {
      sentences.push(
        result.name === 'track_shipment'
          ? 'I could not reach the carrier just now, so live tracking is unavailable; please try again in a few minutes.'
          : 'I could not look that up right now.',
      );
    } else if (result.name === 'search_docs') {
      const top = mostRelevantLine(text, question);
      sentences.push(email ? `${top} I have emailed the return label to ${email}.` : top);
    } else {
      sentences.push(describeJson(result.name, text));
    }
  }
  return sentences.filter(Boolean).join(' ');
}

/** Of the retrieved `[id] text` lines, the one sharing the most words with the question, as a model reading them would pick. */
function mostRelevantLine(toolOutput: string, question: string): string {
  const asked = contentWords(question);
  let best = { text: '', overlap: -1 };
  for (const line of toolOutput.split('\n')) {
    const text = line.replace(/^\[[^\]]*\]\s*/, '');
    const overlap = [...contentWords(text)].filter((word) => asked.has(word)).length;
    if (overlap > best.overlap) best = { text, overlap };
  }
  return best.text;
}

function describeJson(tool: string | undefined, text: string): string {
  const value = JSON.parse(text) as Record<string, string>;
  if (tool === 'lookup_order') {
    return `Order ${value.orderId} (${value.item}) is ${value.status}; it was placed on ${value.placedOn} and ships with ${value.carrier}.`;
  }
  return `The parcel is ${value.position} (${value.carrier} tracking number ${value.trackingNumber}).`;
}

export function textOf(message: BaseMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}
