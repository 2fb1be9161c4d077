import { inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller, type ApiCaller } from '$lib/server/api';
import { auditLog, generatedImages, imageFavorites } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { listFiles } from '$tests/support/files';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { purgeExpiredImages, sweepInterruptedWork } from '.';

const DAY_MS = 24 * 60 * 60 * 1000;
const START = new Date();

let deps: TestDeps;
let api: ApiCaller;
let now: Date;

beforeEach(async () => {
  now = START;
  deps = await createTestDeps({ now: () => now });
  api = createActorCaller(deps, deps.actor);
});

afterEach(async () => {
  await deps?.close();
});

async function generate(count: number): Promise<string[]> {
  const { images } = await api.images.generate({ prompt: 'a harbour', size: '256x256', count });
  return images.map((image) => image.id);
}

async function remaining(ids: string[]): Promise<string[]> {
  const rows = await deps.db
    .select({ id: generatedImages.id })
    .from(generatedImages)
    .where(inArray(generatedImages.id, ids));
  return rows.map((row) => row.id).sort();
}

async function filesOf(ids: string[]): Promise<string[]> {
  return (await listFiles(deps.storageRoot)).filter((file) => ids.some((id) => file.includes(id)));
}

function daysAfterStart(days: number, extraMs = 0): Date {
  return new Date(START.getTime() + days * DAY_MS + extraMs);
}

describe.skipIf(postgresUnavailable)(purgeExpiredImages.name, () => {
  it('should purge images trashed longer than trash_retention_days with their files, and keep younger ones', async () => {
    const [old, young, kept] = await generate(3);
    await api.images.delete({ ids: [old!] });
    now = daysAfterStart(10);
    await api.images.delete({ ids: [young!] });

    now = daysAfterStart(30);
    expect(await purgeExpiredImages(deps)).toBe(0);
    now = daysAfterStart(30, 1);
    const report = await sweepInterruptedWork(deps);

    expect(report.expiredImages).toBe(1);
    expect(await remaining([old!, young!, kept!])).toStrictEqual([young!, kept!].sort());
    expect(await filesOf([old!])).toStrictEqual([]);
    expect(await filesOf([young!, kept!])).toHaveLength(4);
  });

  it('should follow the trash retention the admin sets', async () => {
    const [id] = await generate(1);
    await api.images.delete({ ids: [id!] });

    const settings = await api.admin.updateSettings({ trashRetentionDays: 7 });
    now = daysAfterStart(7, 1);

    expect(settings.trashRetentionDays).toBe(7);
    expect(await purgeExpiredImages(deps)).toBe(1);
    expect(await filesOf([id!])).toStrictEqual([]);
  });

  it('should purge finished images older than image_retention_days except starred ones, only when set', async () => {
    const [old, starred] = await generate(2);
    const [failed] = await deps.db
      .insert(generatedImages)
      .values({ userId: deps.actor.id, prompt: 'p', provider: 'local', model: 'm', size: '256x256', status: 'failed' })
      .returning();
    const [making] = await deps.db
      .insert(generatedImages)
      .values({ userId: deps.actor.id, prompt: 'p', provider: 'local', model: 'm', size: '256x256', status: 'pending' })
      .returning();
    await deps.db.insert(imageFavorites).values({ userId: deps.actor.id, imageId: starred! });
    now = daysAfterStart(5);
    const [young] = await generate(1);
    const all = [old!, starred!, failed!.id, making!.id, young!];

    now = daysAfterStart(400);
    expect(await purgeExpiredImages(deps)).toBe(0);
    await api.admin.updateSettings({ imageRetentionDays: 397 });
    expect(await purgeExpiredImages(deps)).toBe(2);

    expect(await remaining(all)).toStrictEqual([starred!, making!.id, young!].sort());
    expect(await filesOf([old!])).toStrictEqual([]);
    expect(await filesOf([starred!, young!])).toHaveLength(4);
  });

  it('should purge each expired image once when several instances clean up at once', async () => {
    const ids = await generate(10);
    await api.images.delete({ ids });
    now = daysAfterStart(31);

    const counts = await Promise.all([purgeExpiredImages(deps), purgeExpiredImages(deps), purgeExpiredImages(deps)]);

    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(10);
    expect(await filesOf(ids)).toStrictEqual([]);
  });
});

describe.skipIf(postgresUnavailable)('admin retention settings', () => {
  it('should answer both, accept 1–3650 days (image retention null = keep forever) and audit the change', async () => {
    expect(await api.admin.getSettings()).toMatchObject({ trashRetentionDays: 30, imageRetentionDays: null });

    for (const refused of [{ trashRetentionDays: 0 }, { imageRetentionDays: 3651 }, { trashRetentionDays: null }]) {
      expect((await errorOf(api.admin.updateSettings(refused as never))).kind).toBe('validation');
    }
    await api.admin.updateSettings({ trashRetentionDays: 3650, imageRetentionDays: 1 });
    const settings = await api.admin.updateSettings({ imageRetentionDays: null });

    expect(settings).toMatchObject({ trashRetentionDays: 3650, imageRetentionDays: null });
    const entries = await deps.db.select().from(auditLog);
    expect(entries.filter((entry) => entry.action === 'admin.settings_updated').map((entry) => entry.details)).toEqual(
      expect.arrayContaining([{ trashRetentionDays: 3650, imageRetentionDays: 1 }, { imageRetentionDays: null }])
    );
  });
});
