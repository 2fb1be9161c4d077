/**
 * The words the local enhancer reads and writes. Each aspect of a prompt (style, lighting, composition,
 * detail) is recognised by its cue words; a prompt that names none of an aspect gets the aspect's phrase.
 * Every added phrase contains one of its aspect's cues, so enhancing an enhanced prompt adds nothing.
 */
export type Aspect = 'style' | 'lighting' | 'composition' | 'detail';

export const ASPECT_CUES: Record<Aspect, readonly string[]> = {
  style: [
    'photo',
    'photograph',
    'photography',
    'photographic',
    'photorealistic',
    'painting',
    'painted',
    'watercolor',
    'watercolour',
    'oil',
    'acrylic',
    'illustration',
    'illustrated',
    'drawing',
    'sketch',
    'anime',
    'manga',
    'cartoon',
    'comic',
    'render',
    '3d',
    'pixel',
    'vector',
    'lowpoly',
    'isometric',
    'cinematic',
    'art',
    'artwork',
    'poster',
    'engraving',
    'pastel',
    'charcoal',
    'style'
  ],
  lighting: [
    'light',
    'lighting',
    'lit',
    'backlit',
    'sunlight',
    'sunset',
    'sunrise',
    'dusk',
    'dawn',
    'twilight',
    'night',
    'moonlight',
    'glow',
    'glowing',
    'neon',
    'shadows',
    'hour',
    'noon',
    'overcast',
    'candlelight'
  ],
  composition: [
    'close-up',
    'closeup',
    'portrait',
    'wide',
    'aerial',
    'macro',
    'panorama',
    'panoramic',
    'shot',
    'view',
    'angle',
    'framing',
    'framed',
    'centered',
    'symmetrical',
    'composition',
    'overhead',
    'silhouette',
    'foreground',
    'background'
  ],
  detail: ['detailed', 'detail', 'intricate', 'sharp', 'crisp', 'resolution', '4k', '8k', 'hd', 'textured', 'texture']
};

/** The phrase added for an aspect the prompt leaves open (each holds one of its aspect's cue words). */
export const ASPECT_PHRASES: Record<Aspect, string> = {
  style: 'digital illustration',
  lighting: 'soft natural lighting',
  composition: 'balanced composition with a clear focal point',
  detail: 'highly detailed, sharp focus'
};

/** Cue words that make a prompt photographic: its added lighting and composition then speak like a photographer. */
export const PHOTO_CUES: readonly string[] = ['photo', 'photograph', 'photography', 'photographic', 'photorealistic'];

export const PHOTO_PHRASES: Partial<Record<Aspect, string>> = {
  composition: '35mm shot, shallow depth of field'
};

/**
 * Alternative directions offered as suggestions: the prompt's subject in another look. A direction whose
 * cue the prompt already has is skipped, so suggestions differ from the prompt.
 */
export const DIRECTIONS: readonly { cue: string; phrase: string }[] = [
  { cue: 'photograph', phrase: 'cinematic photograph, golden hour light, shallow depth of field' },
  { cue: 'watercolor', phrase: 'watercolor painting, soft pastel palette, loose brushwork' },
  { cue: 'isometric', phrase: 'isometric 3d render, clean studio lighting, miniature diorama' },
  { cue: 'poster', phrase: 'minimalist poster art, bold flat shapes, limited colour palette' },
  { cue: 'night', phrase: 'moody night scene, neon glow, rain-soaked reflections' }
];

/** What the local enhancer keeps out of images, for targets that take a negative prompt. */
export const NEGATIVE_TERMS: readonly string[] = [
  'blurry',
  'low quality',
  'jpeg artifacts',
  'distorted proportions',
  'watermark'
];

/** Asked of an image without lettering: a prompt that wants text keeps it off this list. */
export const TEXT_NEGATIVE_TERM = 'text';

/** Words that never become tags: articles, prepositions, and the enhancer's own vocabulary. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'but',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'with',
  'without',
  'from',
  'by',
  'into',
  'onto',
  'over',
  'under',
  'near',
  'its',
  'his',
  'her',
  'their',
  'this',
  'that',
  'these',
  'those',
  'is',
  'are',
  'be',
  'very',
  'some',
  'highly',
  'high',
  'quality',
  'focus',
  'clear',
  'point',
  'focal',
  'balanced',
  'soft',
  'natural'
]);
