// `npm run start:web`: NormScope as a web extension in VS Code for the Web (the browser workbench of
// vscode.dev and github.dev), served offline on samples/; prints the URL. Ctrl+C stops it.
import { resolve } from 'node:path';
import { serveWebWorkbench } from './web-workbench.mjs';

const port = Number(process.env.PORT ?? 3000);
const workbench = await serveWebWorkbench({ folder: resolve('samples'), port });
console.log(
  `\nNormScope runs as a web extension in the browser workbench on samples/:\n\n  ${workbench.url}\n`,
);
console.log(
  'Files are read through the workspace file system; what you write stays in the page (samples/ is not changed).',
);
console.log('Ctrl+C stops the server. (The desktop flavour: npm start)\n');
const stop = () => {
  workbench.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
