import Root from './image-editor.svelte';
import Brush from './image-editor-brush.svelte';
import Mask from './image-editor-mask.svelte';
import Outpaint from './image-editor-outpaint.svelte';
import OutpaintPreview from './image-editor-outpaint-preview.svelte';

export {
  Root,
  Brush,
  Mask,
  Outpaint,
  OutpaintPreview,
  Root as ImageEditor,
  Brush as ImageEditorBrush,
  Mask as ImageEditorMask,
  Outpaint as ImageEditorOutpaint,
  OutpaintPreview as ImageEditorOutpaintPreview
};
export type { ImageEditorProps } from './image-editor.svelte';
export type { ImageEditorBrushProps } from './image-editor-brush.svelte';
export type { ImageEditorMaskProps } from './image-editor-mask.svelte';
export type { ImageEditorOutpaintProps } from './image-editor-outpaint.svelte';
export type { ImageEditorOutpaintPreviewProps } from './image-editor-outpaint-preview.svelte';
