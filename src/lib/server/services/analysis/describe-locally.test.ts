import { describe, expect, it } from 'vitest';
import type { PixelStatistics } from '../../images';
import { describeLocally } from './describe-locally';

const base: PixelStatistics = {
  width: 1024,
  height: 1024,
  brightness: 0.5,
  contrast: 0.2,
  sharpness: 0.03,
  palette: [
    { hex: '#1030a0', share: 0.5, name: 'blue' },
    { hex: '#2050c0', share: 0.3, name: 'blue' },
    { hex: '#e03020', share: 0.2, name: 'red' }
  ]
};

describe('describeLocally', () => {
  it('should tag orientation and colours, one tag per colour name, and describe the measured shares', () => {
    const findings = describeLocally(base, null);

    expect(findings.tags).toStrictEqual(['square', 'blue', 'red']);
    expect(findings.description).toBe(
      'A square 1024×1024 image (1:1), mostly blue (80%) with red (20%). Measured from the pixels; the subject is not recognised.'
    );
    expect(findings).toMatchObject({ subjects: [], style: null, recreatePrompt: null, qualityIssues: [] });
    expect(findings.composition).toBe('Square frame, 1:1.');
    expect(findings.metrics).toStrictEqual({
      width: 1024,
      height: 1024,
      aspectRatio: '1:1',
      brightness: 0.5,
      contrast: 0.2,
      sharpness: 0.03,
      nsfwScore: null
    });
  });

  it('should call a dark, high-contrast, soft image so and say what is wrong with it', () => {
    const findings = describeLocally({ ...base, brightness: 0.05, contrast: 0.4, sharpness: 0.002 }, 0.3);

    expect(findings.tags).toStrictEqual(['square', 'dark', 'high-contrast', 'blue', 'red', 'soft']);
    expect(findings.qualityIssues).toStrictEqual([
      'Very dark: detail may be lost in the shadows.',
      'Little fine detail: soft focus or blur.'
    ]);
    expect(findings.metrics?.nsfwScore).toBe(0.3);
  });

  it('should tag black, white and grey images monochrome and wide ones panorama, noting a small size', () => {
    const findings = describeLocally(
      {
        ...base,
        width: 400,
        height: 150,
        palette: [
          { hex: '#000000', share: 0.6, name: 'black' },
          { hex: '#ffffff', share: 0.4, name: 'white' }
        ]
      },
      null
    );

    expect(findings.tags).toStrictEqual(['panorama', 'black', 'white', 'monochrome']);
    expect(findings.qualityIssues).toStrictEqual(['Small: 150 px on its short side.']);
  });

  it('should call a single colour plain, neither soft nor low-contrast', () => {
    const findings = describeLocally(
      { ...base, contrast: 0, sharpness: 0, palette: [{ hex: '#ff0000', share: 1, name: 'red' }] },
      null
    );

    expect(findings.tags).toStrictEqual(['square', 'red', 'plain']);
    expect(findings.qualityIssues).toStrictEqual([]);
    expect(findings.description).toMatch(/of plain red\./);
  });
});
