// The panel bundle's entry: start with the VS Code transport, unless a test page supplies its own; the
// engine's WebAssembly kernels where the CSP grants 'wasm-unsafe-eval' (else its TypeScript kernels).
import { enableWasmKernels } from '../engine/layers/wasm-kernels';
import { start } from './main';
import type { Transport } from './transport';

declare global {
  interface Window {
    normscopeTestTransport?: Transport;
  }
}

void enableWasmKernels();
start(window.normscopeTestTransport);
