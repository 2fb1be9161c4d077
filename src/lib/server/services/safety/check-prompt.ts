import { isAppError, AppError } from '../../errors';
import { moderateText, type ModerationVerdict } from '../../providers/openai/moderation';
import { runAssistantCall } from '../assistant-calls';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { filterPrompt } from './prompt-filter';
import { getSafetySettings } from './settings';

type CheckDeps = Pick<Deps, 'db' | 'clock' | 'log' | 'config'>;

/**
 * Checks a prompt before anything is stored or reserved: the local word filter always, OpenAI's moderation
 * too when an OpenAI key is set (unless OPENAI_MODERATION=false; recorded in `assistant_calls`; free). A flagged prompt is refused with
 * `content_policy` under the `block` policy and under `blur` too — a blur applies to images the classifier
 * scored, and a prompt's flag says nothing about the image it would make —; under `allow` it passes, logged.
 * When OpenAI's moderation cannot answer, the local filter's verdict stands (logged): a vendor outage must
 * not stop every generation, local ones included.
 */
export async function checkPrompt(deps: CheckDeps, actor: Actor, text: string, signal?: AbortSignal): Promise<void> {
  /** Who flagged it and for what, e.g. `the local word filter (sexual: "porn")`. */
  const findings: string[] = [];
  const local = filterPrompt(text);
  if (local.flagged) {
    findings.push(
      `the local word filter (${local.categories.join(', ')}: ${local.matches.map((match) => `"${match}"`).join(', ')})`
    );
  }
  const openai = local.flagged ? null : await moderate(deps, actor, text, signal);
  if (openai?.flagged) findings.push(`OpenAI moderation (${openai.categories.join(', ')})`);
  if (findings.length === 0) return;

  const { contentPolicy } = await getSafetySettings(deps);
  if (contentPolicy === 'allow') {
    deps.log.info({ userId: actor.id, findings }, 'a flagged prompt was allowed by the instance policy');
    return;
  }
  throw new AppError(
    'content_policy',
    `This prompt was flagged by ${findings.join(' and ')} and this instance refuses flagged prompts; rephrase it.`
  );
}

async function moderate(
  deps: CheckDeps,
  actor: Actor,
  text: string,
  signal?: AbortSignal
): Promise<ModerationVerdict | null> {
  const connection = deps.config.providers.openai;
  if (!connection?.moderation) return null;
  try {
    const answer = await runAssistantCall(deps, actor, {
      operation: 'moderate',
      source: 'openai',
      estimateUsd: 0,
      run: async () => {
        const verdict = await moderateText(connection, text, signal);
        return { result: verdict, model: verdict.model, usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0 };
      }
    });
    return answer.result;
  } catch (error) {
    if (signal?.aborted) throw error;
    deps.log.warn(
      { err: error, kind: isAppError(error) ? error.kind : undefined },
      'OpenAI moderation did not answer; the local word filter decided alone'
    );
    return null;
  }
}
