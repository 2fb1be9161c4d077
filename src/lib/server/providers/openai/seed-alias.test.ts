import { describe, expect, it } from 'vitest';
import { OPENAI_MODELS } from './models';
import { DALLE3_ALIAS, translateDalle3Settings } from './seed-alias';

const modelNamed = (id: string) => {
  const model = OPENAI_MODELS.find((candidate) => candidate.id === id);
  if (!model) throw new Error(`no catalog model ${id}`);
  return model;
};

describe(translateDalle3Settings.name, () => {
  const gptImage2 = modelNamed('gpt-image-2');

  it.each([
    ['hd', 'high'],
    ['standard', 'medium']
  ])('should translate DALL·E 3 quality "%s" to "%s" and say so', (quality, translated) => {
    const sut = translateDalle3Settings({ quality }, gptImage2);

    expect(sut).toStrictEqual({
      quality: translated,
      warnings: [
        {
          type: 'other',
          message: `${DALLE3_ALIAS} quality "${quality}" was translated to "${translated}" for gpt-image-2.`
        }
      ]
    });
  });

  it.each(['vivid', 'natural'])('should drop style "%s", which GPT image models lack, with a warning', (style) => {
    const sut = translateDalle3Settings({ style, quality: 'low' }, gptImage2);

    expect(sut).toStrictEqual({
      quality: 'low',
      warnings: [
        {
          type: 'other',
          message: `dalle3 style "${style}" was dropped: gpt-image-2 has no style setting (GPT image models have none).`
        }
      ]
    });
  });

  it('should leave settings the target model knows as they are', () => {
    const sut = translateDalle3Settings({ quality: 'hd', style: 'vivid' }, modelNamed('dall-e-3'));

    expect(sut).toStrictEqual({ quality: 'hd', style: 'vivid', warnings: [] });
  });

  it('should pass nothing when nothing was set', () => {
    expect(translateDalle3Settings({}, gptImage2)).toStrictEqual({ warnings: [] });
  });
});
