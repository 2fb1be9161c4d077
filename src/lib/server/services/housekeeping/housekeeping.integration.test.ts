import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetReservations, generatedImages, type GeneratedImageRow } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { listFiles } from '$tests/support/files';
import { createPaidTestProvider } from '$tests/support/paid-test-provider';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { imageKey, previewKey, thumbnailKey } from '../blob-keys';
import { reserveBudget, settleReservation } from '../budgets';
import { generateImages } from '../generation';
import {
  endInterruptedImages,
  INTERRUPTED_MESSAGES,
  removeOrphanBlobs,
  startHousekeeping,
  sweepInterruptedWork
} from '.';

const START = new Date('2030-05-01T12:00:00.000Z');
const BYTES = new Uint8Array([1, 2, 3]);

let deps: TestDeps;
let now: Date;
afterEach(async () => {
  await deps?.close();
});

async function setUp(env: Record<string, string> = {}) {
  now = START;
  deps = await createTestDeps({ providers: [createPaidTestProvider()], now: () => now, env });
}

/** The moment past which work started at `START` can have no live process. */
function pastTimeout(): Date {
  return new Date(START.getTime() + deps.config.operations.staleAfterMs + 1);
}

/** A row as the pipeline writes it before calling the provider: what a process killed mid-call leaves. */
async function insertGeneratingRow(createdAt = START): Promise<GeneratedImageRow> {
  const [row] = await deps.db
    .insert(generatedImages)
    .values({
      userId: deps.actor.id,
      prompt: 'a lighthouse',
      provider: 'paid',
      model: 'paid-standard',
      size: '64x64',
      status: 'generating',
      createdAt
    })
    .returning();
  return row!;
}

/** Writes a blob as a request would, last changed at `modifiedAt`. */
async function writeBlob(key: string, modifiedAt: Date) {
  await deps.storage.put(key, BYTES);
  await utimes(join(deps.storageRoot, key), modifiedAt, modifiedAt);
}

/** What the store's `put` leaves when its process dies between writing and renaming. */
async function writeTempFile(key: string, pid: number, modifiedAt: Date): Promise<string> {
  const path = `${key}.${pid}.tmp`;
  const file = join(deps.storageRoot, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, BYTES);
  await utimes(file, modifiedAt, modifiedAt);
  return path;
}

async function statusesOf(rows: GeneratedImageRow[]) {
  const found = await deps.db
    .select({ id: generatedImages.id, status: generatedImages.status })
    .from(generatedImages)
    .where(
      inArray(
        generatedImages.id,
        rows.map((row) => row.id)
      )
    );
  return rows.map((row) => found.find((candidate) => candidate.id === row.id)?.status);
}

describe.skipIf(postgresUnavailable)(sweepInterruptedWork.name, () => {
  it('should end images past the timeout as interrupted, give their reservation back and delete their files', async () => {
    await setUp();
    const reservation = await reserveBudget(deps, deps.actor, 40_000, {
      ttlMs: deps.config.operations.staleAfterMs
    });
    const stale = await insertGeneratingRow();
    const staleImage = imageKey(stale.id, stale.createdAt, 'png');
    await writeBlob(staleImage, START);
    now = pastTimeout();
    const young = await insertGeneratingRow(now);
    const youngImage = imageKey(young.id, young.createdAt, 'png');
    await writeBlob(youngImage, now);

    const report = await sweepInterruptedWork(deps);

    expect(report).toStrictEqual({
      interruptedImages: 1,
      expiredReservations: 1,
      expiredImages: 0,
      removedFiles: 0
    });
    const [ended] = await deps.db.select().from(generatedImages).where(eq(generatedImages.id, stale.id));
    expect(ended).toMatchObject({
      status: 'failed',
      errorMessage: INTERRUPTED_MESSAGES.notCharged,
      completedAt: now
    });
    expect(await statusesOf([young])).toStrictEqual(['generating']);
    const [held] = await deps.db.select().from(budgetReservations).where(eq(budgetReservations.id, reservation.id));
    expect(held?.status).toBe('expired');
    expect(await listFiles(deps.storageRoot)).toStrictEqual([youngImage]);
  });

  it('should leave a young reservation held and a settled one settled, and still record a late settlement', async () => {
    await setUp();
    const ttlMs = deps.config.operations.staleAfterMs;
    const abandoned = await reserveBudget(deps, deps.actor, 40_000, { ttlMs });
    const settled = await reserveBudget(deps, deps.actor, 40_000, { ttlMs });
    await settleReservation(deps, settled.id, 40_000);
    now = pastTimeout();
    const live = await reserveBudget(deps, deps.actor, 40_000, { ttlMs });

    await sweepInterruptedWork(deps);
    await settleReservation(deps, abandoned.id, 30_000);

    const rows = await deps.db.select().from(budgetReservations);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(live.id)?.status).toBe('reserved');
    expect(byId.get(settled.id)).toMatchObject({ status: 'settled', actualMicros: 40_000 });
    expect(byId.get(abandoned.id)).toMatchObject({ status: 'settled', actualMicros: 30_000 });
  });

  it('should say the cost stays charged when the process died after the provider was paid', async () => {
    await setUp();
    const { images } = await generateImages(deps, deps.actor, { prompt: 'paid then killed', count: 1 });
    const [image] = images;
    // What a kill between settling the charge and recording the stored image leaves.
    await deps.db
      .update(generatedImages)
      .set({ status: 'generating', storagePath: null, thumbnailPath: null, url: null, completedAt: null })
      .where(eq(generatedImages.id, image!.id));
    now = pastTimeout();

    const [ended] = await endInterruptedImages(deps);

    expect(ended).toMatchObject({ id: image!.id, status: 'failed', errorMessage: INTERRUPTED_MESSAGES.charged });
    expect(await listFiles(deps.storageRoot)).toStrictEqual([]);
  });

  it('should end each interrupted image exactly once when several sweeps race', async () => {
    await setUp();
    const rows = await Promise.all(Array.from({ length: 40 }, () => insertGeneratingRow()));
    for (let index = 0; index < 20; index += 1) {
      await reserveBudget(deps, deps.actor, 1_000, { ttlMs: deps.config.operations.staleAfterMs });
    }
    now = pastTimeout();

    const reports = await Promise.all(Array.from({ length: 4 }, () => sweepInterruptedWork(deps)));
    const ended = await Promise.all(Array.from({ length: 4 }, () => endInterruptedImages(deps)));

    expect(reports.reduce((sum, report) => sum + report.interruptedImages, 0)).toBe(40);
    expect(reports.reduce((sum, report) => sum + report.expiredReservations, 0)).toBe(20);
    expect(ended.flat()).toStrictEqual([]);
    expect(new Set(await statusesOf(rows))).toStrictEqual(new Set(['failed']));
  });
});

describe.skipIf(postgresUnavailable)(removeOrphanBlobs.name, () => {
  it('should remove old files no row references and old temp files, and keep young and referenced ones (a preview with its image)', async () => {
    await setUp();
    const { images } = await generateImages(deps, deps.actor, { prompt: 'kept', count: 1 });
    const [kept] = await deps.db.select().from(generatedImages).where(eq(generatedImages.id, images[0]!.id));
    const referenced = [kept!.storagePath!, kept!.thumbnailPath!];
    for (const key of referenced) await utimes(join(deps.storageRoot, key), START, START);
    // A preview is held by its image's file.
    referenced.push(previewKey(kept!.storagePath!, 1024));
    await writeBlob(referenced.at(-1)!, START);
    const orphanId = crypto.randomUUID();
    const oldOrphans = [
      imageKey(orphanId, START, 'webp'),
      thumbnailKey(orphanId, START),
      previewKey(imageKey(orphanId, START, 'png'), 512)
    ];
    for (const key of oldOrphans) await writeBlob(key, START);
    // A sibling of a kept image in another format: no row references it.
    const oldSibling = imageKey(kept!.id, kept!.createdAt, 'jpeg');
    await writeBlob(oldSibling, START);
    now = pastTimeout();
    const youngOrphan = imageKey(crypto.randomUUID(), now, 'png');
    await writeBlob(youngOrphan, now);
    await writeTempFile(imageKey(crypto.randomUUID(), START, 'png'), 4242, START);
    const youngTemp = await writeTempFile(imageKey(crypto.randomUUID(), now, 'png'), 4243, now);

    const removed = await removeOrphanBlobs(deps);

    expect(removed).toBe(5);
    expect(await listFiles(deps.storageRoot)).toStrictEqual([...referenced, youngOrphan, youngTemp].sort());
  });
});

describe.skipIf(postgresUnavailable)(startHousekeeping.name, () => {
  it('should sweep at start and again on its schedule until stopped', async () => {
    await setUp({ OPERATION_TIMEOUT_MS: '1000' });
    const row = await insertGeneratingRow();
    const leftover = await writeTempFile(imageKey(crypto.randomUUID(), START, 'png'), 4242, new Date(0));
    const stop = startHousekeeping(deps);
    // The first sweep is past the images once it removed the temp file; this image was young then.
    await until(async () => !(await listFiles(deps.storageRoot)).includes(leftover));
    expect(await statusesOf([row])).toStrictEqual(['generating']);

    now = pastTimeout();
    await until(async () => (await statusesOf([row]))[0] !== 'generating');
    await stop();

    expect(await statusesOf([row])).toStrictEqual(['failed']);
  });
});

async function until(condition: () => Promise<boolean>) {
  for (let poll = 0; poll < 600 && !(await condition()); poll += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
