import { describe, expect, it } from 'vitest';
import { RequestJoiner, type RequestTally, type SpanContribution } from '../src/report/requests.js';

const plain: SpanContribution = { entry: true, inRange: true, failed: false, failedLayers: 0, group: -1 };
const call = (group: number, failed = false): SpanContribution => ({
  entry: true,
  inRange: true,
  failed,
  failedLayers: failed ? 1 : 0,
  group,
});

function joiner(maxOpenSpans?: number): { joiner: RequestJoiner; requests: RequestTally[] } {
  const requests: RequestTally[] = [];
  return { joiner: new RequestJoiner((tally) => requests.push(tally), maxOpenSpans), requests };
}

describe('joining spans into requests', () => {
  it('joins children read before their parents (export order), grandchildren before both, into one request', () => {
    const { joiner: j, requests } = joiner();
    j.span('t', 'grandchild', 'child', call(0, true));
    j.span('t', 'sibling', 'root', call(1));
    j.span('t', 'child', 'root', call(0));
    j.span('t', 'root', undefined, plain);
    j.finish();
    expect(requests).toEqual([{ entry: true, inRange: true, failed: true, failedLayers: 1, groups: [1, 0] }]);
  });

  it('makes a span whose parent never appears a root of its own, and keeps traces apart', () => {
    const { joiner: j, requests } = joiner();
    j.span('t1', 'a', 'remote-caller', call(0));
    j.span('t1', 'b', 'a', plain);
    j.span('t2', 'a', undefined, call(1));
    j.finish();
    expect(requests).toEqual([
      { entry: true, inRange: true, failed: false, failedLayers: 0, groups: [0] },
      { entry: true, inRange: true, failed: false, failedLayers: 0, groups: [1] },
    ]);
  });

  it('counts a span exported twice once, and a request with no span in range not at all', () => {
    const { joiner: j, requests } = joiner();
    j.span('t', 'root', undefined, call(0));
    j.span('t', 'root', undefined, call(1, true));
    j.span('old', 'root', undefined, { ...plain, inRange: false });
    j.finish();
    expect(requests).toEqual([{ entry: true, inRange: true, failed: false, failedLayers: 0, groups: [0] }]);
  });

  it('closes the oldest trace past the bound on open spans; a span of it read later is a request of its own', () => {
    const { joiner: j, requests } = joiner(2);
    j.span('t1', 'root', undefined, call(0));
    j.span('t2', 'root', undefined, call(1));
    expect(requests).toEqual([]);
    j.span('t3', 'root', undefined, call(2));
    expect(requests).toEqual([{ entry: true, inRange: true, failed: false, failedLayers: 0, groups: [0] }]);
    j.span('t1', 'late', 'root', call(3));
    j.finish();
    expect(requests.map((request) => request.groups)).toEqual([[0], [1], [2], [3]]);
  });

  it('hands over a tree topped by an outgoing call as not a request, and lets the top span decide, whatever joins below', () => {
    const { joiner: j, requests } = joiner();
    const setup: SpanContribution = { ...plain, entry: false };
    j.span('t1', 'server-side', 'handshake', plain); // the far side of an MCP initialize: an entry span, not on top
    j.span('t1', 'handshake', undefined, setup);
    j.span('t2', 'request', undefined, plain);
    j.span('t2', 'lookup', 'request', setup); // an outgoing call inside a request is part of it
    j.finish();
    expect(requests).toEqual([
      { entry: false, inRange: true, failed: false, failedLayers: 0, groups: [] },
      { entry: true, inRange: true, failed: false, failedLayers: 0, groups: [] },
    ]);
  });
});
