import { setupTestTelemetry, type TestTelemetry } from '@sightline/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetadataTagReader } from '../src/metadata-tags.js';

let telemetry: TestTelemetry<never>;
beforeEach(() => {
  telemetry = setupTestTelemetry();
});
afterEach(() => telemetry.shutdown());

describe('MetadataTagReader', () => {
  it("takes schema keys, mapped keys and session_id/user_id, and leaves LangChain's own keys alone", () => {
    const reader = new MetadataTagReader({ tenant: 'project' });
    const found = reader.read({ ls_provider: 'openai', team: 'search', tenant: 'acme', session_id: 's-1', user_id: 'u-1', thread_id: 7 });
    expect(found).toEqual({ tags: { team: 'search', project: 'acme', 'session.id': 's-1', 'user.id': 'u-1' }, conversationId: '7' });
  });

  it('ranks the sources the same whatever the key order: mapping over schema key over session_id', () => {
    const reader = new MetadataTagReader({ squad: 'team', crew: 'team' });
    const orders = [
      { 'session.id': 'direct', session_id: 'conventional', team: 'schema', squad: 'first mapping', crew: 'last mapping' },
      { crew: 'last mapping', squad: 'first mapping', team: 'schema', session_id: 'conventional', 'session.id': 'direct' },
    ];
    for (const metadata of orders) {
      expect(reader.read(metadata).tags).toEqual({ 'session.id': 'direct', team: 'last mapping' });
    }
  });

  it('lets a mapping take over session_id, and finds nothing in metadata without tags', () => {
    const reader = new MetadataTagReader({ session_id: 'feature' });
    expect(reader.read({ session_id: 's-1' }).tags).toEqual({ feature: 's-1' });
    expect(reader.read({ ls_model_name: 'gpt-4o-mini', team: undefined })).toEqual({ tags: undefined, conversationId: undefined });
    expect(reader.read(undefined)).toEqual({ tags: undefined, conversationId: undefined });
  });
});
