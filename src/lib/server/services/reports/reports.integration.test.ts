import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller } from '$lib/server/api/root';
import { auditLog, generatedImages } from '$lib/server/db/schema';
import { postgresUnavailable } from '$tests/support/database';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { readPublicFile } from '../public-files';
import type { Actor } from '../users';

let deps: TestDeps;
let owner: Actor;
let stranger: Actor;
let imageId: string;

beforeEach(async () => {
  deps = await createTestDeps();
  owner = await createTestUser(deps);
  stranger = await createTestUser(deps);
  const { images } = await createActorCaller(deps, owner).images.generate({
    prompt: 'a reported fox',
    size: '256x256'
  });
  imageId = images[0]!.id;
});
afterEach(async () => {
  await deps?.close();
});

async function fileKeys(id: string): Promise<string[]> {
  const [row] = await deps.db.select().from(generatedImages).where(eq(generatedImages.id, id));
  return [row!.storagePath!, row!.thumbnailPath!];
}

/** What `/files/<key>` answers someone (null: no session). */
async function publicFileStatus(key: string, viewer: Actor | null): Promise<number> {
  try {
    await readPublicFile(deps, key, async () => viewer);
    return 200;
  } catch (error) {
    return (error as { kind?: string }).kind === 'not_found' ? 404 : 500;
  }
}

async function auditActions(): Promise<string[]> {
  const rows = await deps.db.select().from(auditLog).where(eq(auditLog.targetId, imageId)).orderBy(auditLog.at);
  return rows.map((row) => row.action);
}

describe.skipIf(postgresUnavailable)('images.report', () => {
  it('should file one open report per reporter and image, a second one replacing its reason and details', async () => {
    const api = createActorCaller(deps, owner);

    const first = await api.images.report({ id: imageId, reason: 'spam', details: '  looks like an ad ' });
    const second = await api.images.report({ id: imageId, reason: 'violence' });

    expect(first).toMatchObject({ created: true, report: { imageId, reason: 'spam', details: 'looks like an ad' } });
    expect(second).toMatchObject({
      created: false,
      report: { id: first.report.id, reason: 'violence', details: null }
    });
    const queue = await createActorCaller(deps, deps.actor).admin.reports({});
    expect(queue.reports.map((report) => [report.id, report.status])).toStrictEqual([[first.report.id, 'open']]);
    expect(await auditActions()).toStrictEqual(['image.reported', 'image.report_updated']);
  });

  it('should keep one report when the same person reports an image twice at once', async () => {
    const api = createActorCaller(deps, owner);

    const answers = await Promise.all([
      api.images.report({ id: imageId, reason: 'spam' }),
      api.images.report({ id: imageId, reason: 'violence' })
    ]);

    expect(answers.map((answer) => answer.created).sort()).toStrictEqual([false, true]);
    expect(new Set(answers.map((answer) => answer.report.id)).size).toBe(1);
    expect((await createActorCaller(deps, deps.actor).admin.reports({})).reports).toHaveLength(1);
  });

  it('should reopen a dismissed report reported again, and keep a hidden one decided', async () => {
    const api = createActorCaller(deps, owner);
    const admin = createActorCaller(deps, deps.actor).admin;
    const { report } = await api.images.report({ id: imageId, reason: 'spam' });

    await admin.decideReport({ id: report.id, decision: 'dismiss' });
    const reopened = await api.images.report({ id: imageId, reason: 'illegal', details: 'more to it' });
    await admin.decideReport({ id: report.id, decision: 'hide' });
    const again = await api.images.report({ id: imageId, reason: 'other' });

    expect(reopened).toMatchObject({ created: false, report: { status: 'open', decidedAt: null } });
    expect(again).toMatchObject({ created: false, report: { status: 'hidden', reason: 'other' } });
    expect(again.report.decidedAt).not.toBeNull();
  });

  it("should answer another user's image exactly like a missing one, storing nothing", async () => {
    const api = createActorCaller(deps, stranger);

    const foreign = await errorOf(api.images.report({ id: imageId, reason: 'hate' }));
    const missing = await errorOf(api.images.report({ id: randomUUID(), reason: 'hate' }));

    expect(foreign.kind).toBe('not_found');
    expect(foreign.message.replace(imageId, 'ID')).toBe(missing.message.replace(/[0-9a-f-]{36}/, 'ID'));
    expect((await createActorCaller(deps, deps.actor).admin.reports({})).total).toBe(0);
  });

  it('should refuse an unknown reason and details over 1000 characters', async () => {
    const api = createActorCaller(deps, owner);

    const reason = await errorOf(api.images.report({ id: imageId, reason: 'boring' as 'spam' }));
    const details = await errorOf(api.images.report({ id: imageId, reason: 'other', details: 'x'.repeat(1001) }));

    expect(reason.kind).toBe('validation');
    expect(details).toMatchObject({ kind: 'validation', message: expect.stringContaining('1000') });
  });
});

describe.skipIf(postgresUnavailable)('admin decisions on reports', () => {
  it('should hide the image from its public links, keep it for its owner and admins, and restore it', async () => {
    const { report } = await createActorCaller(deps, owner).images.report({ id: imageId, reason: 'sexual' });
    const admin = createActorCaller(deps, deps.actor).admin;
    const keys = await fileKeys(imageId);

    const hidden = await admin.decideReport({ id: report.id, decision: 'hide' });
    const whileHidden = await Promise.all(
      keys.flatMap((key) => [null, stranger, owner, deps.actor].map((viewer) => publicFileStatus(key, viewer)))
    );
    const ownerView = await createActorCaller(deps, owner).images.get({ id: imageId });
    const restored = await admin.decideReport({ id: report.id, decision: 'restore' });
    const afterRestore = await Promise.all(keys.map((key) => publicFileStatus(key, null)));

    expect(hidden.status).toBe('hidden');
    expect(whileHidden).toStrictEqual([404, 404, 200, 200, 404, 404, 200, 200]);
    expect(ownerView.hiddenAt).not.toBeNull();
    expect(restored.status).toBe('dismissed');
    expect(afterRestore).toStrictEqual([200, 200]);
    expect((await createActorCaller(deps, owner).images.get({ id: imageId })).hiddenAt).toBeNull();
    expect(await auditActions()).toStrictEqual(['image.reported', 'admin.image_hidden', 'admin.image_restored']);
  });

  it('should list open reports first, narrow to one state and page', async () => {
    const { images } = await createActorCaller(deps, owner).images.generate({ prompt: 'another', size: '256x256' });
    const api = createActorCaller(deps, owner);
    const first = (await api.images.report({ id: imageId, reason: 'spam' })).report;
    const other = (await api.images.report({ id: images[0]!.id, reason: 'other' })).report;
    const admin = createActorCaller(deps, deps.actor).admin;

    await admin.decideReport({ id: first.id, decision: 'dismiss' });
    const queue = await admin.reports({});
    const dismissedOnly = await admin.reports({ status: 'dismissed' });
    const firstPage = await admin.reports({ limit: 1 });

    expect(queue.reports.map((report) => [report.id, report.status])).toStrictEqual([
      [other.id, 'open'],
      [first.id, 'dismissed']
    ]);
    expect(queue.reports[0]).toMatchObject({
      reporterEmail: owner.email,
      image: { id: images[0]!.id, prompt: 'another', thumbnailUrl: expect.stringMatching(/^\/files\//) }
    });
    expect(dismissedOnly.reports.map((report) => report.id)).toStrictEqual([first.id]);
    expect(firstPage).toMatchObject({ total: 2, nextOffset: 1 });
  });

  it('should let two admins deciding one report at once take turns, leaving a state one of them chose', async () => {
    const { report } = await createActorCaller(deps, owner).images.report({ id: imageId, reason: 'spam' });
    const secondAdmin = await createTestUser(deps, { role: 'admin' });

    const outcomes = await Promise.allSettled([
      createActorCaller(deps, deps.actor).admin.decideReport({ id: report.id, decision: 'hide' }),
      createActorCaller(deps, secondAdmin).admin.decideReport({ id: report.id, decision: 'dismiss' })
    ]);

    const [image] = await deps.db.select().from(generatedImages).where(eq(generatedImages.id, imageId));
    const [decided] = (await createActorCaller(deps, deps.actor).admin.reports({})).reports;
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(decided?.status === 'hidden').toBe(image?.hiddenAt !== null);
    expect(decided?.status).not.toBe('open');
  });

  it('should answer clearly when the decision does not fit the state', async () => {
    const { report } = await createActorCaller(deps, owner).images.report({ id: imageId, reason: 'spam' });
    const admin = createActorCaller(deps, deps.actor).admin;

    const restoreVisible = await errorOf(admin.decideReport({ id: report.id, decision: 'restore' }));
    await admin.decideReport({ id: report.id, decision: 'hide' });
    const dismissHidden = await errorOf(admin.decideReport({ id: report.id, decision: 'dismiss' }));
    const missing = await errorOf(admin.decideReport({ id: randomUUID(), decision: 'hide' }));

    expect(restoreVisible).toMatchObject({ kind: 'validation', message: expect.stringContaining('not hidden') });
    expect(dismissHidden).toMatchObject({ kind: 'validation', message: expect.stringContaining('restore') });
    expect(missing.kind).toBe('not_found');
  });

  it('should let only admins see and decide reports', async () => {
    const { report } = await createActorCaller(deps, owner).images.report({ id: imageId, reason: 'spam' });
    const api = createActorCaller(deps, owner);

    expect((await errorOf(api.admin.reports({}))).kind).toBe('forbidden');
    expect((await errorOf(api.admin.decideReport({ id: report.id, decision: 'hide' }))).kind).toBe('forbidden');
    expect((await createActorCaller(deps, owner).images.get({ id: imageId })).hiddenAt).toBeNull();
  });
});
