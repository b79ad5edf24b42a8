import { semconv } from '@sightline/core';
import {
  piiDetector,
  refusalDetector,
  regexEvaluator,
  secretsDetector,
  type EvaluationContext,
  type EvaluationScore,
  type Evaluator,
} from '@sightline/evaluation';
import { describe, expect, it } from 'vitest';
import { callModel, evaluationRecords, tagsWith, useEvaluationSetup } from './evaluation-fixtures.js';

function contextOf(answer: string, question = 'q'): EvaluationContext {
  return { question, answer, documents: [], model: 'm', provider: undefined, tags: {}, traceId: 't', responseId: undefined, failed: false };
}

/** The rule names an evaluator matched on `answer` (empty when it scored 1). */
function matched(evaluator: Evaluator, answer: string, question?: string): readonly string[] {
  // Rule-based evaluators are synchronous.
  const [score] = evaluator.evaluate(contextOf(answer, question), new AbortController().signal) as readonly EvaluationScore[];
  expect(score?.value).toBe(score?.matchedRules?.length === 0 ? 1 : 0);
  return score?.matchedRules ?? [];
}

describe('PII rules', () => {
  const pii = piiDetector();
  it.each([
    ['Write to jane.doe+work@example.co.uk today', ['email']],
    ['Call +1 415 555 2671', ['phone']],
    ['Call (415) 555-2671 after 5', ['phone']],
    ['Reach me on +442071838750', ['phone']],
    ['Card 4111 1111 1111 1111 on file', ['card_number']],
    ['card 5500-0000-0000-0004', ['card_number']],
    ['Amex 378282246310005 expires soon', ['card_number']],
    ['Card 4111 1111 1111 1111 2 trailing', ['card_number']],
    ['IBAN DE89 3704 0044 0532 0130 00 please', ['iban']],
    ['Pay to GB82WEST12345698765432', ['iban']],
    ['mail a@b.io, card 4111111111111111, IBAN DE89370400440532013000', ['email', 'card_number', 'iban']],
  ])('detects %s', (text, rules) => {
    expect(matched(pii, text)).toEqual(rules);
  });

  it.each([
    'A random sixteen digit number 1234 5678 1234 5678 fails Luhn',
    'Order 4111111111111112 is not a card: the Luhn check fails',
    'IBAN DE89 3704 0044 0532 0130 01 has a wrong checksum',
    'Released on 2024-01-15, version 1.2.3, server 192.168.100.200',
    'Ticket 123456789 and id 4415555267 are plain digit runs',
    'Write to jane at example dot com, or @jane',
    'Nothing personal here at all.',
  ])('ignores: %s', (text) => {
    expect(matched(pii, text)).toEqual([]);
  });

  it('checks only the chosen rules and target', () => {
    expect(matched(piiDetector({ rules: ['email'] }), 'card 4111 1111 1111 1111')).toEqual([]);
    expect(matched(piiDetector({ target: 'question' }), 'clean', 'my mail is a@b.io')).toEqual(['email']);
    expect(matched(piiDetector(), 'clean', 'my mail is a@b.io')).toEqual([]);
    expect(matched(piiDetector({ target: 'both' }), 'clean', 'my mail is a@b.io')).toEqual(['email']);
  });
});

describe('secret rules', () => {
  const secrets = secretsDetector();
  it.each([
    ['key AKIAIOSFODNN7EXAMPLE leaked', 'aws_access_key_id'],
    [`token ghp_${'a1B2c3D4e5'.repeat(4)}`, 'github_token'],
    [`use sk-ant-api03-${'x'.repeat(40)}`, 'anthropic_api_key'],
    [`OPENAI_API_KEY=sk-proj-${'Ab3'.repeat(15)}`, 'openai_api_key'],
    [`stripe sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, 'stripe_secret_key'],
    ['slack xoxb-123456789012-abcdefABCDEF', 'slack_token'],
    [`maps AIza${'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'}`, 'google_api_key'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE...', 'private_key'],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'jwt'],
  ])('detects %s', (text, rule) => {
    expect(matched(secrets, text)).toEqual([rule]);
  });

  it.each([
    'set OPENAI_API_KEY in your environment',
    'sk-short and ghp_short are too short to be keys',
    'the task-force met; a skeleton key is not a secret',
    'AKIA is a prefix, AKIAshort is not a key',
  ])('ignores: %s', (text) => {
    expect(matched(secrets, text)).toEqual([]);
  });
});

describe('refusal and custom regex rules', () => {
  it('labels refusals and answers', () => {
    const refusal = refusalDetector();
    expect(matched(refusal, "I'm sorry, but I can't help with that.")).toEqual(['cannot_help']);
    expect(matched(refusal, 'As an AI language model, I cannot browse the web.')).toEqual(['as_an_ai']);
    expect(matched(refusal, 'That request violates our usage policies.')).toEqual(['policy']);
    expect(matched(refusal, "Sure, I can help with that! Here's the summary.")).toEqual([]);
    const [score] = refusal.evaluate(contextOf('I cannot help with that'), new AbortController().signal) as readonly EvaluationScore[];
    expect(score).toEqual({
      name: 'refusal',
      value: 0,
      label: 'refused',
      explanation: 'matched: cannot_help',
      matchedRules: ['cannot_help'],
    });
  });

  it('applies custom patterns by name', () => {
    const internal = regexEvaluator({ name: 'internal_refs', patterns: { intranet_url: /intranet\.corp\b/i, ticket: /\bJIRA-\d+\b/ } });
    expect(matched(internal, 'See JIRA-42 on Intranet.corp')).toEqual(['intranet_url', 'ticket']);
    expect(matched(internal, 'See the public docs')).toEqual([]);
  });
});

describe('rule-based evaluators in the engine', () => {
  const setup = useEvaluationSetup();

  it('records which rules matched and never the matched text, breaching at any match', async () => {
    const telemetry = setup.telemetry(true);
    const engine = setup.engine({ evaluators: [piiDetector(), secretsDetector()] });
    const answer = 'Contact jane.doe@example.com, card 4111 1111 1111 1111.';
    expect(await callModel({ question: 'who?', answer })).toBe(answer);
    await engine.flush(1000);
    const records = evaluationRecords(telemetry.logs());
    expect(records.map((record) => record.attributes)).toEqual([
      {
        [semconv.ATTR_GEN_AI_EVALUATION_NAME]: 'pii',
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: 0,
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: 'detected',
        [semconv.ATTR_GEN_AI_EVALUATION_EXPLANATION]: 'matched: email, card_number',
        [semconv.ATTR_SIGHTLINE_EVAL_MATCHED_RULES]: ['email', 'card_number'],
        [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o',
        [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
        ...tagsWith({}),
      },
      {
        [semconv.ATTR_GEN_AI_EVALUATION_NAME]: 'secrets',
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_VALUE]: 1,
        [semconv.ATTR_GEN_AI_EVALUATION_SCORE_LABEL]: 'clean',
        [semconv.ATTR_GEN_AI_EVALUATION_EXPLANATION]: 'no rule matched',
        [semconv.ATTR_SIGHTLINE_EVAL_MATCHED_RULES]: [],
        [semconv.ATTR_GEN_AI_RESPONSE_MODEL]: 'gpt-4o',
        [semconv.ATTR_GEN_AI_PROVIDER_NAME]: 'openai',
        ...tagsWith({}),
      },
    ]);
    const exported = JSON.stringify(records.map((record) => [record.attributes, record.body]));
    expect(exported).not.toContain('jane.doe');
    expect(exported).not.toContain('4111');
    const breaches = await telemetry.points(semconv.METRIC_SIGHTLINE_EVAL_BREACHES);
    expect(breaches.map((point) => [point.attributes[semconv.ATTR_GEN_AI_EVALUATION_NAME], point.value])).toEqual([['pii', 1]]);
  });
});
