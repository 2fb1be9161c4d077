import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActorCaller } from '$lib/server/api';
import { installBuiltIns } from '$lib/server/services/presets';
import { connectMcpClient } from '$tests/support/mcp-client';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';

let deps: TestDeps;
let client: Client;

beforeAll(async () => {
  deps = await createTestDeps();
  await installBuiltIns(deps);
  await createActorCaller(deps, deps.actor).templates.create({
    name: 'Pet portrait',
    description: 'A pet in a hat.',
    template: 'a {animal} wearing a {hat}',
    category: 'Fun'
  });
  client = await connectMcpClient(deps);
});

afterAll(async () => {
  await client?.close();
  await deps?.close();
});

describe('templates as MCP prompts', () => {
  it('should list the templates as prompts whose arguments are their variables', async () => {
    const { prompts } = await client.listPrompts();

    expect(prompts.find((prompt) => prompt.name === 'pet-portrait')).toMatchObject({
      title: 'Pet portrait',
      arguments: [
        { name: 'animal', required: true },
        { name: 'hat', required: true }
      ]
    });
    expect(prompts.map((prompt) => prompt.name)).toContain('product-shot');
  });

  it('should fill the variables from the arguments and count the use', async () => {
    const result = await client.getPrompt({ name: 'pet-portrait', arguments: { animal: 'fox', hat: 'beret' } });

    expect(result.messages).toStrictEqual([{ role: 'user', content: { type: 'text', text: 'a fox wearing a beret' } }]);
    const { templates } = await createActorCaller(deps, deps.actor).templates.list();
    expect(templates.find((template) => template.name === 'Pet portrait')?.useCount).toBe(1);
  });

  it('should answer a missing argument with an error naming it', async () => {
    await expect(client.getPrompt({ name: 'pet-portrait', arguments: { animal: 'fox' } })).rejects.toThrow(
      /validation: To use this template, fill in \{hat\}/
    );
  });

  it('should answer an unknown prompt name with an error', async () => {
    await expect(client.getPrompt({ name: 'nope', arguments: {} })).rejects.toThrow(/No prompt named "nope"/);
  });
});
