import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActorCaller, type ApiCaller } from '$lib/server/api';
import { postgresUnavailable } from '$tests/support/database';
import { errorOf } from '$tests/support/procedure-errors';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { BUILT_IN_TEMPLATES, installBuiltIns } from '.';

let deps: TestDeps;
let sut: ApiCaller;
let other: ApiCaller;

describe.skipIf(postgresUnavailable)('prompt templates', () => {
  beforeEach(async () => {
    deps = await createTestDeps();
    await installBuiltIns(deps);
    sut = createActorCaller(deps, deps.actor);
    other = createActorCaller(deps, await createTestUser(deps));
  });
  afterEach(async () => {
    await deps?.close();
  });

  it('should read the variables from the template text when it is saved and changed', async () => {
    const created = await sut.templates.create({
      name: 'Pet',
      template: 'a {animal} wearing a {hat}',
      category: 'Fun'
    });
    expect(created).toMatchObject({ variables: ['animal', 'hat'], own: true, builtIn: false, useCount: 0 });

    const changed = await sut.templates.update({ id: created.id, template: '{animal} in {place}' });
    expect(changed.variables).toStrictEqual(['animal', 'place']);
  });

  it('should render with the variables filled in and count each use', async () => {
    const { id } = await sut.templates.create({ name: 'Pet', template: 'a {animal} wearing a {hat}' });

    const rendered = await sut.templates.render({ id, variables: { animal: 'fox', hat: 'beret' } });
    await sut.templates.render({ id, variables: { animal: 'owl', hat: 'crown' } });

    expect(rendered.prompt).toBe('a fox wearing a beret');
    expect(rendered.template.useCount).toBe(1);
    expect((await sut.templates.list()).templates.find((template) => template.id === id)?.useCount).toBe(2);
  });

  it('should name a missing and an unknown variable in the validation error', async () => {
    const { id } = await sut.templates.create({ name: 'Pet', template: 'a {animal} wearing a {hat}' });

    const error = await errorOf(sut.templates.render({ id, variables: { animal: 'fox', colour: 'red' } }));

    expect(error.kind).toBe('validation');
    expect(error.message).toContain('fill in {hat}');
    expect(error.message).toContain('no {colour}');
    expect((await sut.templates.list()).templates.find((template) => template.id === id)?.useCount).toBe(0);
  });

  it('should list own, public and built-in templates by category, most used first', async () => {
    const mine = await sut.templates.create({ name: 'Mine', template: '{x} mine', category: 'Design' });
    const shared = await other.templates.create({
      name: 'Shared',
      template: '{y}',
      category: 'Design',
      isPublic: true
    });
    const secret = await other.templates.create({ name: 'Secret', template: '{z}', category: 'Design' });
    await sut.templates.render({ id: shared.id, variables: { y: 'a' } });
    await sut.templates.render({ id: shared.id, variables: { y: 'b' } });

    const { templates } = await sut.templates.list();

    const ids = templates.map((template) => template.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(secret.id);
    expect(ids.filter((id) => BUILT_IN_TEMPLATES.some((builtIn) => builtIn.id === id))).toHaveLength(
      BUILT_IN_TEMPLATES.length
    );
    const categories = templates.map((template) => template.category ?? '');
    expect(categories).toStrictEqual([...categories].sort());
    const design = templates.filter((template) => template.category === 'Design');
    expect(design[0]?.id).toBe(shared.id);
    expect(design.find((template) => template.id === shared.id)).toMatchObject({
      own: false,
      authorName: expect.any(String)
    });
  });

  it('should let others use a public template but not change it, and hide a private one like a missing one', async () => {
    const shared = await other.templates.create({ name: 'Shared', template: '{y}', isPublic: true });
    const secret = await other.templates.create({ name: 'Secret', template: '{z}' });
    const builtIn = BUILT_IN_TEMPLATES[0]!;

    expect((await sut.templates.render({ id: shared.id, variables: { y: 'ok' } })).prompt).toBe('ok');
    expect((await errorOf(sut.templates.update({ id: shared.id, name: 'mine now' }))).kind).toBe('forbidden');
    expect((await errorOf(sut.templates.delete({ id: shared.id }))).kind).toBe('forbidden');
    expect((await errorOf(sut.templates.delete({ id: builtIn.id }))).kind).toBe('forbidden');
    expect((await errorOf(sut.templates.render({ id: secret.id, variables: { z: 'x' } }))).kind).toBe('not_found');
    expect((await errorOf(sut.templates.update({ id: secret.id, name: 'x' }))).kind).toBe('not_found');
  });
});
