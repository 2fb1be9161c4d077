import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { usdToMicros } from '../../src/lib/server/services/budgets';
import type { ReceivedRequest } from '../fakes/openai-fake';
import type { readGenerationRecords } from './generation-records';

/** How long the slow vendor takes for each of the first calls of a batch. */
export const SLOW_VENDOR_STEP_MS = 150;
/** The first calls of a batch that the slow vendor answers; it holds the others until the client gives up. */
const ANSWERED_CALLS = 2;
const HELD_MS = 30_000;

/** Ten 1024² images of a model that makes one per call: ten vendor calls. */
export function slowBatch(prompt: string) {
  return { prompt, provider: 'openai', model: 'dall-e-3', size: '1024x1024', count: 10 } as const;
}

/**
 * For `startOpenAIFake({ delayMs })`: since the last `restart()`, the n-th image request of the first two is
 * answered after n steps and every later one is held far longer than any test waits, so a cancel lands
 * after one or two images were made and before the rest, however busy the machine.
 */
export function staggeredVendor() {
  let calls = 0;
  return {
    delayMs: (request: ReceivedRequest) => {
      if (!request.path.startsWith('/v1/images/')) return 0;
      calls++;
      return calls <= ANSWERED_CALLS ? calls * SLOW_VENDOR_STEP_MS : HELD_MS;
    },
    restart: () => {
      calls = 0;
    }
  };
}

type Records = Awaited<ReturnType<typeof readGenerationRecords>>;

/**
 * What a cancelled slow batch leaves in the database: fewer than ten images completed, every other one
 * `canceled`, and its one budget reservation no longer held: settled at what the completed images cost,
 * or released when none did.
 */
export function expectCanceledBatch({ images, reservations }: Records): void {
  expect(images).toHaveLength(10);
  const completed = images.filter((image) => image.status === 'completed');
  expect(completed.length).toBeLessThan(10);
  expect(images.filter((image) => image.status !== 'completed').map((image) => image.status)).toStrictEqual(
    Array.from({ length: 10 - completed.length }, () => 'canceled')
  );
  const spentMicros = usdToMicros(completed.reduce((sum, image) => sum + image.costUsd, 0));
  expect(reservations).toStrictEqual([
    expect.objectContaining(spentMicros > 0 ? { status: 'settled', actualMicros: spentMicros } : { status: 'released' })
  ]);
}

/**
 * Calls `generate_image` for the batch and cancels the call (the SDK sends `notifications/cancelled`) once the
 * first image has ended; answers the progress notifications received.
 */
export async function callCanceledAfterFirstImage(
  client: Client,
  batch: ReturnType<typeof slowBatch>
): Promise<Progress[]> {
  const progress: Progress[] = [];
  const cancel = new AbortController();
  const call = client.callTool({ name: 'generate_image', arguments: batch }, undefined, {
    signal: cancel.signal,
    onprogress: (update) => {
      progress.push(update);
      if (update.progress >= 1) cancel.abort('enough');
    }
  });
  await expect(call).rejects.toThrow();
  return progress;
}

/** Progress starts at 0 of `total`, keeps that total, and only grows, each step said once. */
export function expectProgressInOrder(progress: Progress[], total: number): void {
  expect(progress[0]).toMatchObject({ progress: 0, total });
  expect(progress.map((update) => update.total)).toStrictEqual(progress.map(() => total));
  const steps = progress.map((update) => update.progress);
  expect(steps).toStrictEqual([...steps].sort((a, b) => a - b));
  expect(new Set(steps).size).toBe(steps.length);
}
