import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  chatModelJudge,
  llmJudge,
  piiDetector,
  refusalDetector,
  secretsDetector,
  type Evaluator,
  type JudgeFunction,
} from '@sightline/evaluation';

const JUDGE_THRESHOLD = 0.6;
const NON_ANSWER = /\b(could not|unavailable|can't help|cannot help)\b/i;
const WORD = /[a-z0-9]{3,}/g;

/**
 * The offline judge: reads the prompt that `llmJudge` builds (rubric name,
 * question, documents, answer) and grades it the way a strict grader would,
 * by word overlap. Groundedness is the share of the answer's words found in
 * the retrieved documents; relevance is high unless the answer dodges.
 */
export const scriptedJudge: JudgeFunction = async (prompt) => {
  const criterion = /criterion "([^"]+)"/.exec(prompt)?.[1];
  const [question = '', ...rest] = sections(prompt);
  const answer = rest.at(-1) ?? '';
  const documents = rest.slice(0, -1).join(' ');
  let score: number;
  if (criterion === 'groundedness') {
    const words = wordsOf(answer);
    const known = wordsOf(documents);
    score = words.length === 0 ? 0 : words.filter((word) => known.includes(word)).length / words.length;
  } else {
    const asked = wordsOf(question);
    const overlap = asked.filter((word) => answer.toLowerCase().includes(word)).length / Math.max(1, asked.length);
    score = NON_ANSWER.test(answer) ? 0.3 : Math.min(1, 0.75 + overlap / 2);
  }
  score = Math.round(score * 100) / 100;
  const label = score >= JUDGE_THRESHOLD ? 'pass' : 'fail';
  return JSON.stringify({ score, label, explanation: `${criterion ?? 'criterion'} graded by word overlap` });
};

/** The text between each `<<<` and `>>>`: question, documents (if shown), answer. */
function sections(prompt: string): string[] {
  return [...prompt.matchAll(/<<<\n([\s\S]*?)\n>>>/g)].map((match) => match[1] ?? '');
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** A judge (scripted offline, or the real small model when a provider key is set) plus the rule-based detectors. */
export function demoEvaluators(judgeModel: BaseChatModel | undefined): Evaluator[] {
  return [
    llmJudge({
      judge: judgeModel ? chatModelJudge(judgeModel) : scriptedJudge,
      criteria: ['relevance', 'groundedness'],
      // A real judge costs a call per criterion: sample a third of the traffic then.
      sampleRate: judgeModel ? 0.3 : 1,
      threshold: JUDGE_THRESHOLD,
    }),
    piiDetector(),
    secretsDetector(),
    refusalDetector(),
  ];
}
