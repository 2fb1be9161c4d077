/** How many strokes Undo can take back; each keeps a copy of the mask. */
const UNDO_DEPTH = 15;
/** The mask's longest side: the server resizes a mask to its image, so a big image needs no big mask. */
const MASK_MAX_SIDE = 1024;
/** The painted area as the editor shows it, over the image at reduced opacity. */
const TINT = 'rgb(255 64 129)';

export type Point = { x: number; y: number };

/**
 * The mask being painted over an image, at the image's shape (at most MASK_MAX_SIDE): painted = change. Brush strokes,
 * erasing, invert, clear and undo act on one canvas; `toDataUrl` gives what `images.edit` takes as `mask`
 * (white = change, black = keep).
 */
export class MaskCanvas {
  readonly width: number;
  readonly height: number;
  brushSize = $state(32);
  erasing = $state(false);
  /** Share of the image painted, 0–1. */
  coverage = $state(0);
  canUndo = $state(false);

  #canvas: HTMLCanvasElement | null = null;
  #undo: ImageData[] = [];
  #last: Point | null = null;

  /** Mask pixels per image pixel. */
  readonly scale: number;

  constructor(imageWidth: number, imageHeight: number) {
    this.scale = Math.min(1, MASK_MAX_SIDE / Math.max(imageWidth, imageHeight));
    this.width = Math.max(1, Math.round(imageWidth * this.scale));
    this.height = Math.max(1, Math.round(imageHeight * this.scale));
    this.brushSize = Math.max(4, Math.round(Math.min(this.width, this.height) / 8));
  }

  /** The brush's width over the image itself. */
  get brushSizeInImagePixels(): number {
    return Math.round(this.brushSize / this.scale);
  }

  get maxBrushSize(): number {
    return Math.max(8, Math.round(Math.min(this.width, this.height) / 2));
  }

  attach = (canvas: HTMLCanvasElement) => {
    this.#canvas = canvas;
    canvas.width = this.width;
    canvas.height = this.height;
    this.#measure();
  };

  beginStroke = (point: Point) => {
    this.#remember();
    this.#last = point;
    this.#draw(point, point);
  };

  continueStroke = (point: Point) => {
    if (!this.#last) return;
    this.#draw(this.#last, point);
    this.#last = point;
  };

  endStroke = () => {
    if (!this.#last) return;
    this.#last = null;
    this.#measure();
  };

  /** One dab of the brush, as the keyboard paints. */
  stamp = (point: Point) => {
    this.beginStroke(point);
    this.endStroke();
  };

  invert = () => {
    const context = this.#context();
    if (!context || !this.#canvas) return;
    this.#remember();
    const inverted = document.createElement('canvas');
    inverted.width = this.width;
    inverted.height = this.height;
    const painter = inverted.getContext('2d')!;
    painter.fillStyle = TINT;
    painter.fillRect(0, 0, this.width, this.height);
    painter.globalCompositeOperation = 'destination-out';
    painter.drawImage(this.#canvas, 0, 0);
    context.clearRect(0, 0, this.width, this.height);
    context.drawImage(inverted, 0, 0);
    this.#measure();
  };

  clear = () => {
    this.#remember();
    this.#context()?.clearRect(0, 0, this.width, this.height);
    this.#measure();
  };

  undo = () => {
    const previous = this.#undo.pop();
    if (previous) this.#context()?.putImageData(previous, 0, 0);
    this.canUndo = this.#undo.length > 0;
    this.#measure();
  };

  /** A PNG `data:` URL: white where painted, black elsewhere. */
  toDataUrl = (): string => {
    const mask = document.createElement('canvas');
    mask.width = this.width;
    mask.height = this.height;
    const painter = mask.getContext('2d')!;
    if (this.#canvas) painter.drawImage(this.#canvas, 0, 0);
    painter.globalCompositeOperation = 'source-in';
    painter.fillStyle = '#fff';
    painter.fillRect(0, 0, this.width, this.height);
    painter.globalCompositeOperation = 'destination-over';
    painter.fillStyle = '#000';
    painter.fillRect(0, 0, this.width, this.height);
    return mask.toDataURL('image/png');
  };

  #draw(from: Point, to: Point) {
    const context = this.#context();
    if (!context) return;
    context.globalCompositeOperation = this.erasing ? 'destination-out' : 'source-over';
    context.strokeStyle = TINT;
    context.lineWidth = this.brushSize;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.fillStyle = TINT;
    context.beginPath();
    // A zero-length line draws nothing, not even its round caps: a dab is a disc.
    if (from.x === to.x && from.y === to.y) {
      context.arc(to.x, to.y, this.brushSize / 2, 0, Math.PI * 2);
      context.fill();
      return;
    }
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  }

  #remember() {
    const context = this.#context();
    if (!context) return;
    this.#undo.push(context.getImageData(0, 0, this.width, this.height));
    if (this.#undo.length > UNDO_DEPTH) this.#undo.shift();
    this.canUndo = true;
  }

  #measure() {
    const context = this.#context();
    if (!context) return;
    const { data } = context.getImageData(0, 0, this.width, this.height);
    let painted = 0;
    for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) painted++;
    this.coverage = painted / (this.width * this.height);
  }

  #context(): CanvasRenderingContext2D | null {
    return this.#canvas?.getContext('2d', { willReadFrequently: true }) ?? null;
  }
}
