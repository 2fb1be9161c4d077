/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS package, loaded by `require` */
// `upscaler/node` loads TensorFlow.js as '@tensorflow/tfjs-node'; this is the same library running on the
// WebAssembly backend (whose .wasm binaries ship inside its npm package) instead of libtensorflow.
require('@tensorflow/tfjs-backend-wasm');
module.exports = require('@tensorflow/tfjs');
