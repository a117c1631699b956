// The panel bundle's entry: start with the VS Code transport, unless a test page supplies its own; the
// engine's WebAssembly kernels where the CSP grants 'wasm-unsafe-eval' (else its TypeScript kernels).
import { enableWasmKernels } from '../engine/layers/wasm-kernels';
import type { HostMessage, WebviewMessage } from '../shared/protocol';
import { start } from './main';
import { pageTransport } from './transport';

void enableWasmKernels();
start(pageTransport<HostMessage, WebviewMessage>());
